// Tool calls with the official client libraries against a running sluice-testserver started
// with --tool-call: each library reads the calls the server asks for with its own stream
// accumulator (openai's ChatCompletionStream joins delta.tool_calls per index, the Anthropic
// SDK's MessageStream parses input_json_delta — and, with extended thinking on, joins the
// thinking block's thinking_delta and signature_delta —, ollama yields message.tool_calls), then sends
// the results back in the shape its types document, and reads the answer. Prints one JSON
// object: the calls each library saw, the messages of each second request after the question
// (for tst_npmtools to compare with what Sluice sends), and the answers.
//
//   node toolproof.mjs http://127.0.0.1:PORT [MODEL] [API_KEY]
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';

const [url, model = 'llama3.2:3b', apiKey = 'sk-sluice-proof'] = process.argv.slice(2);
const question = { role: 'user', content: 'Read my notes' };
const schema = { type: 'object', properties: { path: { type: 'string' } } };
const results = { read_file: 'milk, eggs', now: 'noon' };
const out = {};

// --- OpenAI-compatible (openai: ChatCompletionTool, ChatCompletionToolMessageParam)
{
  const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0, timeout: 30000 });
  const tools = [
    { type: 'function', function: { name: 'read_file', parameters: schema } },
    { type: 'function', function: { name: 'now', parameters: { type: 'object' } } },
  ];
  const stream = openai.chat.completions.stream({ model, messages: [question], tools });
  const first = await stream.finalChatCompletion();
  const calls = first.choices[0].message.tool_calls ?? [];
  out.openai_finish_reason = first.choices[0].finish_reason;
  out.openai_calls = calls.map((c) => ({ id: c.id, name: c.function.name,
                                         arguments: JSON.parse(c.function.arguments) }));
  const round = [
    { role: 'assistant', content: null,
      tool_calls: calls.map((c) => ({ id: c.id, type: 'function',
                                      function: { name: c.function.name,
                                                  arguments: c.function.arguments } })) },
    ...calls.map((c) => ({ role: 'tool', tool_call_id: c.id, content: results[c.function.name] })),
  ];
  out.openai_round = round;
  const answer = await openai.chat.completions.create({ model, messages: [question, ...round], tools });
  out.openai_answer = answer.choices[0].message.content;
}

// --- Anthropic (@anthropic-ai/sdk: Tool, ToolUseBlockParam, ToolResultBlockParam)
{
  const anthropic = new Anthropic({ baseURL: url, apiKey, maxRetries: 0, timeout: 30000 });
  const tools = [
    { name: 'read_file', input_schema: schema },
    { name: 'now', input_schema: { type: 'object' } },
  ];
  const stream = anthropic.messages.stream({ model, max_tokens: 1024, messages: [question], tools });
  const first = await stream.finalMessage();
  const uses = first.content.filter((b) => b.type === 'tool_use');
  out.anthropic_stop_reason = first.stop_reason;
  out.anthropic_calls = uses.map((b) => ({ id: b.id, name: b.name, arguments: b.input }));
  const round = [
    { role: 'assistant',
      content: uses.map((b) => ({ type: 'tool_use', id: b.id, name: b.name, input: b.input })) },
    { role: 'user',
      content: uses.map((b) => ({ type: 'tool_result', tool_use_id: b.id, content: results[b.name] })) },
  ];
  out.anthropic_round = round;
  const answer = await anthropic.messages.create({ model, max_tokens: 1024,
                                                   messages: [question, ...round], tools });
  out.anthropic_answer = answer.content.filter((b) => b.type === 'text').map((b) => b.text).join('');
}

// --- Anthropic with extended thinking (@anthropic-ai/sdk: ThinkingBlockParam
// {type,thinking,signature} first in the assistant turn, unchanged, then ToolUseBlockParam)
{
  const anthropic = new Anthropic({ baseURL: url, apiKey, maxRetries: 0, timeout: 30000 });
  const tools = [
    { name: 'read_file', input_schema: schema },
    { name: 'now', input_schema: { type: 'object' } },
  ];
  const thinking = { type: 'enabled', budget_tokens: 1024 };
  const stream = anthropic.messages.stream({ model, max_tokens: 2048, thinking,
                                             messages: [question], tools });
  const first = await stream.finalMessage();
  const thoughts = first.content.filter((b) => b.type === 'thinking' ||
                                               b.type === 'redacted_thinking');
  const uses = first.content.filter((b) => b.type === 'tool_use');
  out.anthropic_thinking_blocks = thoughts; // as the SDK's accumulator built them, unchanged
  out.anthropic_thinking_calls = uses.map((b) => ({ id: b.id, name: b.name, arguments: b.input }));
  const round = [
    { role: 'assistant',
      content: [...out.anthropic_thinking_blocks,
                ...uses.map((b) => ({ type: 'tool_use', id: b.id, name: b.name, input: b.input }))] },
    { role: 'user',
      content: uses.map((b) => ({ type: 'tool_result', tool_use_id: b.id, content: results[b.name] })) },
  ];
  out.anthropic_thinking_round = round;
  const answer = await anthropic.messages.create({ model, max_tokens: 2048, thinking,
                                                   messages: [question, ...round], tools });
  out.anthropic_thinking_answer = answer.content.filter((b) => b.type === 'text')
                                                .map((b) => b.text).join('');
}

// --- Ollama native (ollama: Tool, ToolCall, Message.tool_name)
{
  const ollama = new Ollama({ host: url });
  const tools = [
    { type: 'function', function: { name: 'read_file', parameters: schema } },
    { type: 'function', function: { name: 'now', parameters: { type: 'object' } } },
  ];
  const calls = [];
  for await (const part of await ollama.chat({ model, messages: [question], tools, stream: true }))
    calls.push(...(part.message?.tool_calls ?? []));
  out.ollama_calls = calls.map((c) => ({ name: c.function.name, arguments: c.function.arguments }));
  const round = [
    { role: 'assistant', content: '',
      tool_calls: calls.map((c) => ({ function: { name: c.function.name,
                                                  arguments: c.function.arguments } })) },
    ...calls.map((c) => ({ role: 'tool', content: results[c.function.name],
                           tool_name: c.function.name })),
  ];
  out.ollama_round = round;
  const answer = await ollama.chat({ model, messages: [question, ...round], tools, stream: false });
  out.ollama_answer = answer.message.content;
}

process.stdout.write(`${JSON.stringify(out)}\n`);
