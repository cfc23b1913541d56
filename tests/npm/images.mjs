// What the official client libraries send for a user message with images, captured by a
// `fetch` of our own (nothing goes on the network), printed as one JSON object:
// { ollama, openai, anthropic } each the last message of the request body.
//
//   node images.mjs MEDIA_TYPE BASE64 TEXT
//
// The images are given the way each library's types ask for them: ollama `Message.images`
// (base64 strings), openai `ChatCompletionContentPartImage` (a data: URL), @anthropic-ai/sdk
// `ImageBlockParam` with a `Base64ImageSource`; tst_npmimages compares Sluice's bodies with
// these.
import Anthropic from '@anthropic-ai/sdk';
import { Ollama } from 'ollama';
import OpenAI from 'openai';

const [mediaType, data, text] = process.argv.slice(2);
if (!data) {
  console.error('usage: node images.mjs MEDIA_TYPE BASE64 TEXT');
  process.exit(2);
}
const out = {};
let captured = null;
// Answers every request with an error after keeping its body: the libraries stop there.
const capture = async (url, init) => {
  captured = JSON.parse(init.body);
  return new Response(JSON.stringify({ error: { message: 'captured' } }), {
    status: 400,
    headers: { 'content-type': 'application/json' },
  });
};
const lastMessage = () => captured.messages[captured.messages.length - 1];

const ollama = new Ollama({ host: 'http://127.0.0.1:9', fetch: capture });
await ollama
  .chat({ model: 'm', stream: false, messages: [{ role: 'user', content: text, images: [data] }] })
  .catch(() => {});
out.ollama = lastMessage();

const openai = new OpenAI({ baseURL: 'http://127.0.0.1:9/v1', apiKey: 'k', fetch: capture, maxRetries: 0 });
await openai.chat.completions
  .create({
    model: 'm',
    messages: [
      {
        role: 'user',
        content: [
          { type: 'text', text },
          { type: 'image_url', image_url: { url: `data:${mediaType};base64,${data}` } },
        ],
      },
    ],
  })
  .catch(() => {});
out.openai = lastMessage();

const anthropic = new Anthropic({ baseURL: 'http://127.0.0.1:9', apiKey: 'k', fetch: capture, maxRetries: 0 });
await anthropic.messages
  .create({
    model: 'm',
    max_tokens: 16,
    messages: [
      {
        role: 'user',
        content: [
          { type: 'image', source: { type: 'base64', media_type: mediaType, data } },
          { type: 'text', text },
        ],
      },
    ],
  })
  .catch(() => {});
out.anthropic = lastMessage();

process.stdout.write(`${JSON.stringify(out)}\n`);
