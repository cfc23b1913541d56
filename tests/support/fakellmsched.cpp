// How the persona loads models: an imitation of Ollama's scheduler, fact by fact.
//
// - server/sched.go, load(): the runner goes into the scheduler's loaded map with
//   `loading: true` as soon as the load starts, and its refMu is held until
//   WaitUntilRunning(req.ctx) returns. The load runs under the context of the request that
//   started it: when that client disconnects, the load is aborted (the handler answers 499,
//   server/routes.go handleScheduleError).
// - server/sched.go, processPending(): requests are scheduled one at a time. A second request
//   for a model that is loading finds the runner in the loaded map and blocks in
//   needsReload() on its refMu until the load ends; then it is given the same runner
//   (useLoadedRunner). So every request for a cold model is answered when the load ends.
//   If the load was aborted, the waiting request finds a runner that failed and loads the
//   model again, from zero, under its own context.
// - server/routes.go, ChatHandler/GenerateHandler: nothing is written before scheduleRunner
//   returns (the headers go out with the first chunk). A request without messages (chat) or
//   without a prompt (generate) answers {"done":true,"done_reason":"load"} right then;
//   with keep_alive 0 it unloads the model instead ("unload"), without scheduling.
// - server/sched.go, useLoadedRunner()/load(): a request's keep_alive (sessionDuration)
//   replaces the model's; a request without one leaves it as it was (OLLAMA_KEEP_ALIVE,
//   5 minutes, when the model was loaded without one).
// - server/sched.go, loadedModels() (PsHandler): lists every runner of the loaded map, so a
//   model is listed from the start of its load, with expires_at estimated from the session
//   duration while it is unset. (Since Ollama 0.32.10, commit 6cd40001a, loadedModels()
//   takes each runner's refMu, which the load holds: /api/ps then answers only when the load
//   is over. Either way /api/ps cannot tell loading from loaded.)
// - middleware/openai.go, ChatMiddleware: /v1/chat/completions becomes a ChatHandler call,
//   so Ollama's /v1 loads the same way; it refuses empty messages ("[] is too short").
#include "fakellm.h"

#include <QDateTime>
#include <QJsonObject>
#include <QTimer>

namespace Sluice::Test {

namespace {
constexpr qint64 NsPerMs = 1000 * 1000;

bool expired(qint64 keepAliveSecs, const QElapsedTimer &since)
{
    return keepAliveSecs >= 0 && since.isValid() && since.elapsed() >= keepAliveSecs * 1000;
}
} // namespace

int FakeLlm::loadDelayMs(const QByteArray &key) const
{
    for (auto it = m_options.loadDelayFor.cbegin(); it != m_options.loadDelayFor.cend(); ++it) {
        if (canonical(it.key()) == key)
            return it.value();
    }
    return m_options.loadDelayMs;
}

void FakeLlm::expireIdle()
{
    for (auto it = m_models.begin(); it != m_models.end();) {
        if (it->loaded && it->waiters.isEmpty() && expired(it->keepAliveSecs, it->since))
            it = m_models.erase(it);
        else
            ++it;
    }
}

bool FakeLlm::isLoaded(const QByteArray &model) const
{
    const auto it = m_models.constFind(canonical(model));
    return it != m_models.cend() && it->loaded && !expired(it->keepAliveSecs, it->since);
}

void FakeLlm::unloadAll()
{
    // A load in progress goes on: the requests waiting for it would never be answered.
    m_models.removeIf([](const auto &it) { return !it.value().loading; });
}

qint64 FakeLlm::schedule(const QByteArray &model, const QJsonObject &body, Response &r)
{
    expireIdle();
    const QByteArray key = canonical(model);
    ModelState &state = m_models[key];
    if (body.contains(u"keep_alive"))
        state.keepAliveSecs = keepAliveSeconds(body.value(u"keep_alive"));
    // /api/ps context_length is the num_ctx the runner was started with (another num_ctx
    // reloads it: server/sched.go needsReload), else the server's default.
    const int numCtx = int(body.value(u"options").toObject().value(u"num_ctx").toInteger(0));
    state.contextLength = numCtx > 0                         ? numCtx
                          : m_options.ollamaContextLength > 0 ? m_options.ollamaContextLength
                                                              : 4096;
    if (state.loaded) {
        state.since.restart();
        return 0;
    }
    const int delay = loadDelayMs(key);
    if (delay <= 0 && !state.loading) {
        state.loaded = true;
        state.since.start();
        return 0;
    }
    const quint64 id = m_nextWaiter++;
    r.waitFor([this, key, id](Response::Resume resume) {
        ModelState &s = m_models[key];
        if (s.loaded) {
            s.since.restart();
            resume();
            return;
        }
        s.waiters.append({id, std::move(resume)});
        if (!s.loading)
            startLoad(key); // this request's context owns the load
    });
    r.onInterrupted([this, key, id] { leaveLoad(key, id); });
    return qint64(delay) * NsPerMs;
}

void FakeLlm::startLoad(const QByteArray &key)
{
    ModelState &s = m_models[key];
    s.loading = true;
    s.loaded = false;
    s.owner = s.waiters.isEmpty() ? 0 : s.waiters.first().id;
    s.since.start();
    const quint64 generation = ++s.generation;
    QTimer::singleShot(loadDelayMs(key), Qt::PreciseTimer, this,
                       [this, key, generation] { finishLoad(key, generation); });
}

void FakeLlm::finishLoad(const QByteArray &key, quint64 generation)
{
    const auto it = m_models.find(key);
    if (it == m_models.end() || !it->loading || it->generation != generation)
        return; // aborted
    it->loading = false;
    it->loaded = true;
    it->since.start();
    const QList<Waiter> waiters = std::exchange(it->waiters, {});
    for (const Waiter &w : waiters)
        w.resume();
}

void FakeLlm::leaveLoad(const QByteArray &key, quint64 waiter)
{
    const auto it = m_models.find(key);
    if (it == m_models.end())
        return;
    const qsizetype before = it->waiters.size();
    it->waiters.removeIf([waiter](const Waiter &w) { return w.id == waiter; });
    if (it->waiters.size() == before || !it->loading || it->owner != waiter)
        return; // not waiting any more, or waiting behind another request's load
    it->loading = false;
    ++it->generation;
    if (it->waiters.isEmpty()) {
        m_models.erase(it);
        return;
    }
    startLoad(key); // the next request held behind the aborted load loads it again
}

void FakeLlm::ollamaGenerate(const RecordedRequest &req, Response &r)
{
    const QJsonObject body = req.json();
    const QByteArray model = body.value(u"model").toString().toUtf8();
    if (model.isEmpty() || !knownModel(model)) {
        r.status(404).json(
            "{\"error\":" + jsonString(QByteArray("model '" + model + "' not found"), true) + '}');
        return;
    }
    if (!body.value(u"prompt").toString().isEmpty()) {
        r.status(501).json(R"({"error":"the test server answers only load-only /api/generate"})");
        return;
    }
    const QByteArray head =
        "{\"model\":" + jsonString(model, true) + ",\"created_at\":" +
        jsonString(QDateTime::currentDateTimeUtc().toString(Qt::ISODateWithMs).toUtf8()) +
        ",\"response\":\"\",\"done\":true,\"done_reason\":";
    if (body.value(u"keep_alive") == QJsonValue(0)) {
        m_models.remove(canonical(model));
        r.json(head + "\"unload\"}");
        return;
    }
    schedule(model, body, r);
    r.json(head + "\"load\"}");
}

} // namespace Sluice::Test
