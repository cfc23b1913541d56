// Consumes one streamed chat from /api/chat with the official `ollama` library and discards
// the text (keeps only a count), like a client that renders and forgets.
//   node ollama_stream.mjs http://127.0.0.1:PORT
import { Ollama } from 'ollama';

const [url, model = 'llama3.2:3b'] = process.argv.slice(2);
const ollama = new Ollama({ host: url });
let chunks = 0;
let chars = 0;
const stream = await ollama.chat({
  model,
  messages: [{ role: 'user', content: 'benchmark' }],
  stream: true,
});
for await (const part of stream) {
  const t = part.message?.content;
  if (t) {
    chunks++;
    chars += t.length;
  }
}
process.stderr.write(`chunks=${chunks} chars=${chars}\n`);
