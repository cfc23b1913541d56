// A fake LLM server persona for TestServer that answers the real protocols the way real
// servers do, generated from each request (model, stream, messages, max tokens):
//
//   Ollama native   GET /  GET /api/version  GET /api/tags  GET /api/ps  POST /api/show
//                   POST /api/chat (NDJSON; "stream" defaults to true; Go's \u003c escaping)
//                   POST /api/generate without a prompt (a load-only request)
//                   Models load as Ollama's scheduler loads them: see fakellmsched.cpp.
//   OpenAI-compat.  POST /v1/chat/completions (SSE + [DONE], usage chunk with
//                   stream_options.include_usage; JSON when not streaming)  GET /v1/models
//   Anthropic       POST /v1/messages (named events; JSON when not streaming)
//                   GET /v1/models with an anthropic-version or x-api-key header
//
// Thinking text goes out as Ollama's message.thinking (unless "think": false), OpenAI's
// delta.reasoning (or the field named in the options) and, only when the request enables
// it ("thinking": {"type": "enabled"}), as an Anthropic thinking block.
// Routes scripted with TestServer::on() take precedence over the persona.
#pragma once

#include <atomic>
#include <memory>

#include "testserver.h"

#include <QElapsedTimer>
#include <QHash>

namespace Sluice::Test {

// Faults the persona can act out in every protocol's own way. Streaming replies send
// faultAfterTokens token events first (the prelude — role chunk, message_start, … — always).
enum class FakeLlmFault {
    None,
    ErrorMidStream,   // Ollama {"error"} line / OpenAI data: {"error"} / Anthropic event: error;
                      // then the body ends. Non-streaming: HTTP 500 (Anthropic 529) + error body.
    Drop,             // the connection is cut (non-streaming: closed before the status line)
    Stall,            // nothing more, connection held (non-streaming: no status line, ever)
    EndWithoutMarker, // the body ends cleanly without done:true / [DONE] / message_stop
                      // (OpenAI: an empty content chunk first, as Ollama's /v1 does on errors)
    HoldAfterEnd,     // the whole reply, end marker included, then the connection stays open
    KeepAliveForever, // after the tokens only keep-alives (": keep-alive" comments, Anthropic
                      // pings) forever; Ollama has none: with 0 tokens it sends no status line
    RepeatGuard,      // Ollama native only: the model says "e" over and over, and Ollama cuts
                      // it off after 31 of them without a word: the stream just ends, and a
                      // non-streaming answer is that last chunk, "done": false (llm/server.go,
                      // Completion: tokenRepeat > 30 returns a nil error; server/routes.go,
                      // ChatHandler, answers the last chunk it had). Other personas: the body ends
                      // after faultAfterTokens tokens, with no end marker.
};

// Anthropic: the signature of every thinking block FakeLlm sends, and the thinking of a turn
// that asks for tools (with thinking on); both must come back unchanged with that turn.
inline constexpr char FakeThinkingSignature[] = "EqQBCkYIBRgCIkBzbHVpY2UtdGVzdC1zaWduYXR1cmU=";
inline constexpr char FakeToolThinking[] = "The notes are in a file: read it, and ask the time.";

// A tool call the persona asks for (fakellmtools.cpp).
struct FakeToolCall
{
    QByteArray id; // call_… / toolu_…; Ollama native has none
    QByteArray name;
    QByteArray arguments; // a JSON object, as text
};

struct FakeLlmOptions
{
    // Emoji, CJK, quotes, backslashes, <>& and a newline.
    static QByteArray defaultReply();

    QByteArray reply = defaultReply();
    QByteArray thinking;  // empty: no thinking
    int tokenChars = 4;   // characters (code points) per streamed token
    int tokenDelayMs = 0; // pause between streamed tokens
    // Split the bytes of every write into separate writes, a few ms apart:
    int splitWritesEvery = 0;     // ... every n bytes (0 = off)
    bool splitInsideUtf8 = false; // ... in the middle of every multi-byte UTF-8 character
    // Installed models; a request for another one gets the server's 404. Empty: any model.
    QList<QByteArray> models = {QByteArrayLiteral("llama3.2:3b"), QByteArrayLiteral("qwen3:4b")};
    // A cold model takes loadDelayMs to load (fakellmsched.cpp): Ollama (native and /v1)
    // sends nothing at all meanwhile, /api/ps lists it from the start of the load, a
    // load-only request answers done_reason "load" at its end, and the request that started
    // the load aborts it by disconnecting. Per model: loadDelayFor overrides loadDelayMs.
    int loadDelayMs = 0;
    QHash<QByteArray, int> loadDelayFor;
    // After the load, a chat waits this long before its first chunk (prompt evaluation,
    // headers included); -1: forever, not even the status line.
    int silenceAfterLoadMs = 0;
    // false: no Ollama API at all (/, /api/*: Go's 404), like llama.cpp's server or vLLM.
    bool ollamaApi = true;
    QByteArray apiKey; // required as Bearer (OpenAI) / x-api-key (Anthropic) when set
    bool requireAnthropicVersion = true; // like the real API: 400 without the header
    QByteArray reasoningField = QByteArrayLiteral("reasoning"); // or "reasoning_content"
    QByteArray ollamaVersion = QByteArrayLiteral("0.12.3");
    // The num_ctx of an Ollama chat that does not send options.num_ctx (Ollama's default is
    // envconfig's OLLAMA_CONTEXT_LENGTH). A longer prompt is cut as Ollama cuts it and still
    // answered (cutPrompt() in fakellmollama.cpp). 0: prompts are never cut.
    int ollamaContextLength = 0;
    // llama.cpp's llama-server (fakellmrefusals.cpp): > 0 serves GET /props with this n_ctx
    // (else /props is a 404), an OpenAI-compatible chat may name any model (llama-server
    // serves its one model), and one whose prompt has that many tokens or more gets
    // llama-server's 400. Can be set after install().
    int llamaCppContext = 0;
    // Ollama models whose template has no tools: a request offering tools gets Ollama's 400
    // "… does not support tools" on each API (fakellmrefusals.cpp).
    QList<QByteArray> modelsWithoutTools;
    FakeLlmFault fault = FakeLlmFault::None;
    int faultAfterTokens = 3;
    // When a request offers tools, the first toolRounds turns ask for these calls (all in
    // one turn: parallel calls) instead of answering; then the reply answers. A turn counts
    // as done when the request carries the assistant's calls back.
    QList<FakeToolCall> toolCalls;
    int toolRounds = 1;
    // OpenAI-compatible: every call whole in one chunk at index 0, as Ollama's /v1 sent them;
    // false: OpenAI's own way, the id and name first, then the arguments in fragments.
    bool toolCallsAtIndexZero = false;
    int keepAliveIntervalMs = 50;
    // Benchmarks (faults do not apply): stream benchChunks content chunks of benchToken as fast as
    // the socket drains, instead of the reply. Nothing is built in memory beyond one batch.
    qint64 benchChunks = 0;
    QByteArray benchToken = QByteArrayLiteral("hi ");
    // When set, counts the bytes of benchmark chunks handed to the socket (read from any
    // thread): a test can wait until a backlog has really built up instead of sleeping.
    std::shared_ptr<std::atomic<qint64>> benchBytesSent;
    // When set, called as each streamed event of a reply is handed to the socket (a test that
    // kills the app mid-reply knows what it had been sent: sluice-testserver --tell-tokens).
    std::function<void()> eventSent;

    // POST /api/pull streams, like Ollama: "pulling manifest", then per layer "pulling
    // <digest>" lines with total/completed (in steps of pullStepBytes, pullDelayMs apart),
    // "verifying sha256 digest", "writing manifest", "success"; the model is then installed.
    // A pull cut short keeps what it downloaded: pulling again resumes from there.
    // Ollama reports a layer's progress every 60 ms (server/download.go, blobDownload::Wait);
    // tests step faster, the standalone server (--pull-delay) at Ollama's pace.
    QList<qint64> pullLayers = {3'000'000, 1'500, 120};
    qint64 pullStepBytes = 400'000;
    int pullDelayMs = 5;
    // Models the registry knows (others: "pull model manifest: file does not exist").
    // Empty: any name.
    QList<QByteArray> registry;
    // After pullFaultAfterLines layer lines: ErrorMidStream writes {"error": pullErrorMessage}
    // and ends; Stall repeats the last line every 60 ms forever, as Ollama does while a
    // download hangs; Drop cuts the connection.
    FakeLlmFault pullFault = FakeLlmFault::None;
    int pullFaultAfterLines = 3;
    QByteArray pullErrorMessage = QByteArrayLiteral(
        "write /usr/share/ollama/.ollama/models/blobs/sha256-6a0746a1ec1a-partial: no space "
        "left on device");
};

class FakeLlm final : public QObject
{
public:
    // Registers the persona's handlers on `server`; the persona is a child of the server.
    static FakeLlm *install(TestServer &server, FakeLlmOptions options = {});

    FakeLlmOptions &options() { return m_options; }
    bool isLoaded(const QByteArray &model) const;
    void unloadAll(); // every model not loading right now

    // The reply as the persona streams it: tokens of `chars` code points (valid UTF-8 each).
    static QList<QByteArray> tokens(const QByteArray &text, int chars);
    // A JSON string literal; goStyle also escapes <, > and & as Go's encoding/json does.
    static QByteArray jsonString(QByteArrayView utf8, bool goStyle = false);

private:
    struct Plan;
    struct Waiter
    {
        quint64 id = 0;
        Response::Resume resume;
    };
    struct ModelState
    {
        bool loaded = false;
        bool loading = false;
        QElapsedTimer since;        // loading: since the load began; loaded: since last used
        qint64 keepAliveSecs = 300; // < 0: stays loaded; 0: unloads once used
        int contextLength = 4096;   // the num_ctx it runs with (/api/ps context_length)
        quint64 generation = 0;     // of the load in progress (a timer of an aborted one is void)
        quint64 owner = 0;          // the request whose disconnect aborts the load
        QList<Waiter> waiters;      // requests held until the load ends, the owner first
    };

    explicit FakeLlm(TestServer &server, FakeLlmOptions options);
    void install();

    bool knownModel(const QByteArray &model) const;
    static QByteArray canonical(const QByteArray &model);
    // Returns false (and fills `r` with the 401) when the key is wrong.
    bool checkOpenAiKey(const RecordedRequest &req, Response &r) const;
    bool checkAnthropicHeaders(const RecordedRequest &req, Response &r) const;
    // fakellmsched.cpp: holds the headers back while the model loads (starting the load when
    // it is cold) and applies the request's keep_alive; returns the load time in ns.
    qint64 schedule(const QByteArray &model, const QJsonObject &body, Response &r);
    void startLoad(const QByteArray &key);
    void finishLoad(const QByteArray &key, quint64 generation);
    void leaveLoad(const QByteArray &key, quint64 waiter);
    void expireIdle();
    int loadDelayMs(const QByteArray &key) const;
    void ollamaGenerate(const RecordedRequest &req, Response &r);
    // silenceAfterLoadMs before the first chunk; true when the reply never comes.
    bool silenceAfterLoad(Response &r) const;
    void writePiece(Response &r, const QByteArray &bytes) const;
    void writeTokens(Response &r, const QList<QByteArray> &pieces) const;
    // Streams events[0, firstToken) as the prelude, then the token events up to finaleStart,
    // then the finale — or acts out the configured fault.
    struct StreamShape
    {
        qsizetype firstToken = 0;
        qsizetype finaleStart = 0;
        QByteArray errorEvent;
        QByteArray keepAlive;     // empty: the protocol has none
        QByteArray truncatedTail; // sent before a clean end without the end marker
    };
    void streamEvents(Response &r, const QList<QByteArray> &events, const StreamShape &shape) const;
    // Acts out the fault for a non-streaming request; false when there is none to act out.
    bool nonStreamingFault(Response &r, int errorStatus, const QByteArray &errorBody) const;

    // fakellmollama.cpp: /api/chat, /api/tags, /api/ps, /api/show.
    void ollamaChat(const RecordedRequest &req, Response &r);
    void ollamaTags(Response &r) const;
    void ollamaPs(Response &r) const;
    void ollamaShow(const RecordedRequest &req, Response &r) const;
    // fakellmmodels.cpp: /api/pull and /api/delete.
    void installModelRoutes();
    void ollamaPull(const RecordedRequest &req, Response &r);
    void ollamaDelete(const RecordedRequest &req, Response &r);
    static qint64 keepAliveSeconds(const QJsonValue &value);
    // fakellmopenai.cpp: /v1/chat/completions, /v1/models; fakellmanthropic.cpp: /v1/messages.
    void openAiChat(const RecordedRequest &req, Response &r);
    void models(const RecordedRequest &req, Response &r) const;
    void anthropicMessages(const RecordedRequest &req, Response &r);
    // fakellmrefusals.cpp: llama-server's /props, its prompt over the context, Ollama's
    // refusal of tools. The refusals return true when they answered.
    enum class Api { Ollama, OpenAi, Anthropic };
    void installLlamaCppRoutes();
    bool llamaCppRefuses(const QJsonObject &body, Response &r) const;
    bool refusesTools(const QByteArray &model, const QJsonObject &body, Api api, Response &r) const;
    // fakellmtools.cpp: a turn that asks for the scripted tool calls.
    bool toolTurn(const QJsonObject &body) const;
    void openAiToolCalls(Response &r, const QByteArray &model, bool stream);
    void anthropicToolCalls(Response &r, const QByteArray &model, bool stream, bool think);
    // With thinking on: why a request that continues a tool turn would be refused (its
    // assistant turn lost or changed its thinking block), or empty.
    static QByteArray anthropicThinkingProblem(const QJsonObject &body);
    void ollamaToolCalls(Response &r, const QByteArray &model, bool stream);

    FakeLlmOptions m_options;
    QHash<QByteArray, ModelState> m_models;
    TestServer &m_server;
    quint64 m_nextId = 1;
    quint64 m_nextWaiter = 1;
    QHash<QByteArray, qint64> m_pulledBytes; // per model: bytes on "disk" from earlier pulls
};

} // namespace Sluice::Test
