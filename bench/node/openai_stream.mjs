// Consumes one streamed chat from /v1/chat/completions with the official `openai` library
// and discards the text (keeps only a count).
//   node openai_stream.mjs http://127.0.0.1:PORT
import OpenAI from 'openai';

const [url, model = 'llama3.2:3b'] = process.argv.slice(2);
const openai = new OpenAI({ baseURL: `${url}/v1`, apiKey: 'sk-bench', maxRetries: 0, timeout: 600000 });
let chunks = 0;
let chars = 0;
const stream = await openai.chat.completions.create({
  model,
  messages: [{ role: 'user', content: 'benchmark' }],
  stream: true,
});
for await (const chunk of stream) {
  const t = chunk.choices?.[0]?.delta?.content;
  if (t) {
    chunks++;
    chars += t.length;
  }
}
process.stderr.write(`chunks=${chunks} chars=${chars}\n`);
