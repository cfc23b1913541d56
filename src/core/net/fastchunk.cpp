#include "core/net/fastchunk.h"

#ifdef SLUICE_HAVE_SIMDJSON
#include <simdjson.h>

#include <cstring>
#include <vector>
#endif

namespace Sluice {

#ifdef SLUICE_HAVE_SIMDJSON

namespace {

using simdjson::dom::element;
using simdjson::dom::object;

QString toQString(std::string_view s)
{
    return QString::fromUtf8(s.data(), qsizetype(s.size()));
}

// What QJsonValue::toString() gives: the string, or nothing for any other type.
QString stringOrEmpty(element e)
{
    std::string_view s;
    if (e.get_string().get(s) != simdjson::SUCCESS)
        return {};
    return toQString(s);
}

} // namespace

struct FastChunkReader::Impl
{
    simdjson::dom::parser parser;
    std::vector<char> padded;

    // Parses `bytes` into the top-level object; false when it is not valid JSON or not an
    // object (the Qt path then says why).
    bool parse(QByteArrayView bytes, object &out)
    {
        const size_t n = size_t(bytes.size());
        if (padded.size() < n + simdjson::SIMDJSON_PADDING)
            padded.resize(n + simdjson::SIMDJSON_PADDING);
        if (n > 0)
            std::memcpy(padded.data(), bytes.data(), n);
        element doc;
        if (parser.parse(padded.data(), n, false).get(doc) != simdjson::SUCCESS)
            return false;
        return doc.get_object().get(out) == simdjson::SUCCESS;
    }
};

FastChunkReader::FastChunkReader() : d(std::make_unique<Impl>()) {}
FastChunkReader::~FastChunkReader() = default;

bool FastChunkReader::available()
{
    return true;
}

bool FastChunkReader::readOllama(QByteArrayView line, OllamaChunk &out)
{
    object obj;
    if (!d->parse(line, obj))
        return false;
    bool sawMessage = false;
    bool sawDone = false;
    element message;
    for (const auto field : obj) {
        if (field.key == "error")
            return false;
        if (field.key == "message") {
            if (sawMessage)
                return false; // a duplicate key: leave it to Qt's rules
            sawMessage = true;
            message = field.value;
        } else if (field.key == "done") {
            if (sawDone)
                return false;
            sawDone = true;
            bool done = false;
            if (field.value.get_bool().get(done) != simdjson::SUCCESS || done)
                return false; // the final line (statistics) or an odd "done"
        }
    }
    out.content.clear();
    out.thinking.clear();
    object msg;
    if (!sawMessage || message.get_object().get(msg) != simdjson::SUCCESS)
        return true; // no message object: nothing to show, as with QJsonObject
    bool sawContent = false;
    bool sawThinking = false;
    for (const auto field : msg) {
        if (field.key == "content") {
            if (sawContent)
                return false;
            sawContent = true;
            out.content = stringOrEmpty(field.value);
        } else if (field.key == "thinking") {
            if (sawThinking)
                return false;
            sawThinking = true;
            out.thinking = stringOrEmpty(field.value);
        } else if (field.key == "tool_calls") {
            return false; // tool calls: the Qt path reads them
        }
    }
    return true;
}

bool FastChunkReader::readOpenAi(QByteArrayView data, OpenAiChunk &out)
{
    object obj;
    if (!d->parse(data, obj))
        return false;
    element choices;
    bool sawChoices = false;
    bool sawModel = false;
    out.model.clear();
    for (const auto field : obj) {
        if (field.key == "error")
            return false;
        if (field.key == "usage" || field.key == "timings") {
            if (field.value.is_object())
                return false; // statistics: the Qt path reads them
        } else if (field.key == "model") {
            if (sawModel)
                return false;
            sawModel = true;
            out.model = stringOrEmpty(field.value);
        } else if (field.key == "choices") {
            if (sawChoices)
                return false;
            sawChoices = true;
            choices = field.value;
        }
    }
    simdjson::dom::array list;
    if (!sawChoices || choices.get_array().get(list) != simdjson::SUCCESS || list.size() == 0)
        return false; // a usage chunk or an odd shape
    object choice;
    if (list.at(0).get_object().get(choice) != simdjson::SUCCESS)
        return false;
    element delta;
    bool sawDelta = false;
    bool sawFinish = false;
    for (const auto field : choice) {
        if (field.key == "delta") {
            if (sawDelta)
                return false;
            sawDelta = true;
            delta = field.value;
        } else if (field.key == "finish_reason") {
            if (sawFinish)
                return false;
            sawFinish = true;
            if (!stringOrEmpty(field.value).isEmpty())
                return false; // the last chunk
        }
    }
    out.content.clear();
    out.reasoning.clear();
    object d2;
    if (!sawDelta || delta.get_object().get(d2) != simdjson::SUCCESS)
        return true;
    QString reasoningContent;
    QString reasoning;
    bool sawContent = false;
    bool sawRc = false;
    bool sawR = false;
    for (const auto field : d2) {
        if (field.key == "content") {
            if (sawContent)
                return false;
            sawContent = true;
            out.content = stringOrEmpty(field.value);
        } else if (field.key == "reasoning_content") {
            if (sawRc)
                return false;
            sawRc = true;
            reasoningContent = stringOrEmpty(field.value);
        } else if (field.key == "reasoning") {
            if (sawR)
                return false;
            sawR = true;
            reasoning = stringOrEmpty(field.value);
        } else if (field.key == "tool_calls") {
            return false; // tool calls: the Qt path joins them
        }
    }
    out.reasoning = reasoningContent.isEmpty() ? reasoning : reasoningContent;
    return true;
}

#else // no simdjson: every chunk goes through QJsonDocument

struct FastChunkReader::Impl
{
};

FastChunkReader::FastChunkReader() = default;
FastChunkReader::~FastChunkReader() = default;

bool FastChunkReader::available()
{
    return false;
}

bool FastChunkReader::readOllama(QByteArrayView, OllamaChunk &)
{
    return false;
}

bool FastChunkReader::readOpenAi(QByteArrayView, OpenAiChunk &)
{
    return false;
}

#endif

} // namespace Sluice
