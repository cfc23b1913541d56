// A fast reader for the JSON that makes up nearly every streamed chunk — an Ollama /api/chat
// line, an OpenAI chat.completion.chunk — built on simdjson when the build has it (optional:
// -DSLUICE_SIMDJSON=OFF or no libsimdjson-dev). Qt's QJsonDocument builds a whole document
// per chunk and was most of the CPU of a fast stream (see docs/benchmarks.md).
//
// It only answers for the common case: a well-formed chunk that is not the last one and
// carries no error or usage. For anything else (or without simdjson) read*() returns false
// and the decoder reads the chunk with QJsonDocument exactly as before, so errors, final
// statistics and malformed input keep one code path and one wording.
#pragma once

#include <QByteArrayView>
#include <QString>

#include <memory>

namespace Sluice {

class FastChunkReader final
{
public:
    struct OllamaChunk
    {
        QString content;
        QString thinking;
    };
    struct OpenAiChunk
    {
        QString content;
        QString reasoning; // reasoning_content, else reasoning
        QString model;
    };

    FastChunkReader();
    ~FastChunkReader();
    FastChunkReader(const FastChunkReader &) = delete;
    FastChunkReader &operator=(const FastChunkReader &) = delete;

    static bool available(); // built with simdjson

    // A line of Ollama's stream with "done": false and no "error".
    bool readOllama(QByteArrayView line, OllamaChunk &out);
    // The data of one SSE event whose choices[0] has no finish_reason yet, without "error",
    // "usage" or "timings" objects.
    bool readOpenAi(QByteArrayView data, OpenAiChunk &out);

private:
    struct Impl;
    std::unique_ptr<Impl> d;
};

} // namespace Sluice
