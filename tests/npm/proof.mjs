// Streams chats from a running server with the official client libraries and prints what
// they received as one JSON object. Starts nothing itself.
//
//   node proof.mjs http://127.0.0.1:PORT [MODEL] [API_KEY]
//
// Ollama native API (/api/chat) with `ollama`, Chat Completions (/v1) with `openai`,
// Messages (/v1/messages) with `@anthropic-ai/sdk`; each streaming and non-streaming.
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';

const [url, model = 'llama3.2:3b', apiKey = 'sk-sluice-proof'] = process.argv.slice(2);
if (!url) {
  console.error('usage: node proof.mjs http://127.0.0.1:PORT [MODEL] [API_KEY]');
  process.exit(2);
}
const messages = [{ role: 'user', content: 'Say hello <in> "every" language & more' }];
const out = {};

// --- Ollama native
const ollama = new Ollama({ host: url });
{
  let text = '';
  let thinking = '';
  let last = null;
  for await (const part of await ollama.chat({ model, messages, stream: true, think: true })) {
    text += part.message?.content ?? '';
    thinking += part.message?.thinking ?? '';
    last = part;
  }
  out.ollama_stream = text;
  out.ollama_stream_thinking = thinking;
  out.ollama_done = last?.done === true;
  out.ollama_eval_count = last?.eval_count ?? 0;
  const whole = await ollama.chat({ model, messages, stream: false });
  out.ollama = whole.message.content;
}

// --- OpenAI-compatible
const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey, maxRetries: 0, timeout: 30000 });
{
  let text = '';
  let reasoning = '';
  let finish = null;
  let usage = null;
  const stream = await openai.chat.completions.create({
    model,
    messages,
    stream: true,
    stream_options: { include_usage: true },
  });
  for await (const chunk of stream) {
    const choice = chunk.choices?.[0];
    text += choice?.delta?.content ?? '';
    reasoning += choice?.delta?.reasoning ?? '';
    if (choice?.finish_reason) finish = choice.finish_reason;
    if (chunk.usage) usage = chunk.usage;
  }
  out.openai_stream = text;
  out.openai_stream_reasoning = reasoning;
  out.openai_finish_reason = finish;
  out.openai_usage_total = usage?.total_tokens ?? 0;
  const whole = await openai.chat.completions.create({ model, messages });
  out.openai = whole.choices[0].message.content;
}

// --- Anthropic Messages
const anthropic = new Anthropic({ baseURL: url, apiKey, maxRetries: 0, timeout: 30000 });
{
  let text = '';
  let thinking = '';
  let stopReason = null;
  let stopped = false;
  const stream = await anthropic.messages.create({
    model,
    max_tokens: 4096,
    messages,
    stream: true,
    thinking: { type: 'enabled', budget_tokens: 1024 },
  });
  for await (const event of stream) {
    if (event.type === 'content_block_delta' && event.delta.type === 'text_delta')
      text += event.delta.text;
    if (event.type === 'content_block_delta' && event.delta.type === 'thinking_delta')
      thinking += event.delta.thinking;
    if (event.type === 'message_delta') stopReason = event.delta.stop_reason;
    if (event.type === 'message_stop') stopped = true;
  }
  out.anthropic_stream = text;
  out.anthropic_stream_thinking = thinking;
  out.anthropic_stop_reason = stopReason;
  out.anthropic_message_stop = stopped;
  const whole = await anthropic.messages.create({ model, max_tokens: 4096, messages });
  out.anthropic = whole.content
    .filter((block) => block.type === 'text')
    .map((block) => block.text)
    .join('');
}

process.stdout.write(`${JSON.stringify(out)}\n`);
