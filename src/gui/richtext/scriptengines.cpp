#include "gui/richtext/scriptengines.h"

#include <QFile>
#include <QJSEngine>
#include <QLoggingCategory>
#include <QPainter>
#include <QRegularExpression>
#include <QSvgRenderer>

#include <cmath>

#ifdef __GLIBC__
#include <malloc.h>
#endif

#ifdef SLUICE_HAVE_RICHTEXT_JS
static void initRichTextResources()
{
    Q_INIT_RESOURCE(sluice_richtext_js);
}
#endif

namespace Sluice {

#ifdef SLUICE_HAVE_RICHTEXT_JS
namespace {

// V4 reports each "used before its declaration" it sees in the bundled (minified, valid)
// code as a warning while compiling it: not for the log of a chat app.
QLoggingCategory::CategoryFilter previousFilter = nullptr;
void quietCompiler(QLoggingCategory *category)
{
    if (qstrcmp(category->categoryName(), "qt.qml.compiler") == 0)
        category->setEnabled(QtWarningMsg, false);
    else if (previousFilter)
        previousFilter(category);
}

} // namespace
#endif

bool richTextScriptsAvailable()
{
#ifdef SLUICE_HAVE_RICHTEXT_JS
    return true;
#else
    return false;
#endif
}

ScriptEngine::ScriptEngine(const QString &resource, const QString &function)
    : m_resource(resource), m_name(function)
{}

ScriptEngine::~ScriptEngine()
{
    m_function.reset(); // before its engine
}

void ScriptEngine::unload()
{
    if (!m_engine)
        return;
    m_function.reset(); // before its engine
    std::unique_ptr<QJSEngine> engine;
    {
        const QMutexLocker lock(&m_engineLock);
        engine = std::move(m_engine);
    }
    engine.reset();
#ifdef __GLIBC__
    // V4's heap was freed to malloc; without a trim glibc keeps most of it resident.
    malloc_trim(0);
#endif
}

void ScriptEngine::interrupt()
{
    const QMutexLocker lock(&m_engineLock);
    if (m_engine)
        m_engine->setInterrupted(true);
}

bool ScriptEngine::ensureLoaded()
{
    if (m_function)
        return true;
    if (!m_error.isEmpty())
        return false;
#ifdef SLUICE_HAVE_RICHTEXT_JS
    static const bool once = [] {
        initRichTextResources();
        previousFilter = QLoggingCategory::installFilter(quietCompiler);
        return true;
    }();
    Q_UNUSED(once)
#endif
    QFile file(m_resource);
    if (!file.open(QIODevice::ReadOnly)) {
        m_error = QStringLiteral("This build of Sluice has no %1 (Node.js and npm were missing "
                                 "when it was built).")
                      .arg(m_resource.section(u'/', -1));
        return false;
    }
    auto engine = std::make_unique<QJSEngine>();
    const QJSValue result = engine->evaluate(QString::fromUtf8(file.readAll()), m_resource);
    const QJSValue fn = engine->globalObject().property(m_name);
    if (result.isError() || !fn.isCallable()) {
        m_error = QStringLiteral("%1 did not load: %2").arg(m_resource, result.toString());
        return false;
    }
    {
        const QMutexLocker lock(&m_engineLock);
        m_engine = std::move(engine);
    }
    m_function = std::make_unique<QJSValue>(fn);
    return true;
}

HighlightEngine::HighlightEngine()
    : ScriptEngine(QStringLiteral(":/richtext/highlight.js"), QStringLiteral("sluiceHighlight"))
{}

HighlightResult HighlightEngine::highlight(const QString &code, const QString &language)
{
    HighlightResult out;
    if (!ensureLoaded()) {
        out.error = error();
        return out;
    }
    engine()->setInterrupted(false);
    const QJSValue r = function()->call({code, language});
    if (r.isError()) {
        out.error = r.toString();
        return out;
    }
    out.language = r.property(QStringLiteral("language")).toString();
    if (out.language.isEmpty())
        return out;
    if (!tokensFromHtml(r.property(QStringLiteral("html")).toString(), code, &out.tokens)) {
        out.tokens.clear();
        out.language.clear();
        out.error = QStringLiteral("The highlighter changed the code's text.");
    }
    return out;
}

bool tokensFromHtml(const QString &html, const QString &code, QList<CodeToken> *tokens)
{
    QList<CodeScope> stack;
    int pos = 0;
    auto emitChar = [&](QChar c) {
        if (pos >= code.size() || code.at(pos) != c)
            return false;
        CodeScope scope = CodeScope::Count;
        for (auto it = stack.crbegin(); it != stack.crend(); ++it) {
            if (*it != CodeScope::Count) {
                scope = *it;
                break;
            }
        }
        if (scope != CodeScope::Count) {
            if (!tokens->isEmpty() && tokens->last().scope == scope &&
                tokens->last().start + tokens->last().length == pos)
                ++tokens->last().length;
            else
                tokens->append({pos, 1, scope});
        }
        ++pos;
        return true;
    };
    for (qsizetype i = 0; i < html.size();) {
        const QChar c = html.at(i);
        if (c == u'<') {
            const qsizetype end = html.indexOf(u'>', i);
            if (end < 0)
                return false;
            const QStringView tag = QStringView(html).mid(i + 1, end - i - 1);
            if (tag.startsWith(u"/span")) {
                if (!stack.isEmpty())
                    stack.removeLast();
            } else if (tag.startsWith(u"span")) {
                const qsizetype q = tag.indexOf(u"class=\"");
                const qsizetype qe = q < 0 ? -1 : tag.indexOf(u'"', q + 7);
                stack.append(qe < 0 ? CodeScope::Count : codeScopeOf(tag.mid(q + 7, qe - q - 7)));
            }
            i = end + 1;
        } else if (c == u'&') {
            const qsizetype end = html.indexOf(u';', i);
            if (end < 0)
                return false;
            const QStringView entity = QStringView(html).mid(i + 1, end - i - 1);
            QChar decoded;
            if (entity == u"amp")
                decoded = u'&';
            else if (entity == u"lt")
                decoded = u'<';
            else if (entity == u"gt")
                decoded = u'>';
            else if (entity == u"quot")
                decoded = u'"';
            else if (entity == u"#x27" || entity == u"#39")
                decoded = u'\'';
            else
                return false;
            if (!emitChar(decoded))
                return false;
            i = end + 1;
        } else {
            if (!emitChar(c))
                return false;
            ++i;
        }
    }
    return pos == code.size();
}

MathEngine::MathEngine()
    : ScriptEngine(QStringLiteral(":/richtext/math.js"), QStringLiteral("sluiceTypeset"))
{}

TypesetResult MathEngine::typeset(const QString &tex, bool display)
{
    TypesetResult out;
    if (!ensureLoaded()) {
        out.error = error();
        return out;
    }
    engine()->setInterrupted(false);
    const QJSValue r = function()->call({tex, display});
    if (r.isError()) {
        out.error = r.toString();
        return out;
    }
    out.error = r.property(QStringLiteral("error")).toString();
    if (r.property(QStringLiteral("error")).isUndefined())
        out.error.clear();
    if (!out.error.isEmpty())
        return out;
    const QString svg = r.property(QStringLiteral("svg")).toString();
    // <svg style="vertical-align: -0.566ex;" … width="6.089ex" height="4.104ex" …>
    const QString head = svg.left(svg.indexOf(u'>'));
    static const QRegularExpression width(QStringLiteral("\\bwidth=\"([0-9.]+)ex\""));
    static const QRegularExpression height(QStringLiteral("\\bheight=\"([0-9.]+)ex\""));
    static const QRegularExpression align(QStringLiteral("vertical-align: *(-?[0-9.]+)ex"));
    out.widthEx = width.match(head).captured(1).toDouble();
    out.heightEx = height.match(head).captured(1).toDouble();
    out.depthEx = -align.match(head).captured(1).toDouble();
    if (out.widthEx <= 0 || out.heightEx <= 0) {
        out.error = QStringLiteral("The typesetter gave no picture.");
        return out;
    }
    out.svg = svg.toUtf8();
    return out;
}

MathImage renderMathImage(const TypesetResult &typeset, qreal exPx, qreal xHeight,
                          const QColor &color, qreal devicePixelRatio)
{
    MathImage out;
    if (!typeset.error.isEmpty()) {
        out.error = typeset.error;
        return out;
    }
    const qreal w = typeset.widthEx * exPx;
    const qreal h = typeset.heightEx * exPx;
    const qreal depth = qMax<qreal>(0, typeset.depthEx * exPx);
    // Too large to be a formula in a chat (and to keep in memory): show its source.
    if (w > 4000 || h > 2000) {
        out.error = QStringLiteral("The formula is too large to draw.");
        return out;
    }
    // AlignMiddle gives an inline object descent (height − x-height/2) / 2; pad so that
    // equals the formula's depth (see QTextDocumentLayout::resizeInlineObject).
    const qreal pad = 2 * depth + xHeight / 2 - h; // > 0: pad above, < 0: below
    const qreal top = qMax<qreal>(0, pad);
    const qreal bottom = qMax<qreal>(0, -pad);
    QByteArray svg = typeset.svg;
    svg.replace("currentColor", color.name(QColor::HexRgb).toLatin1());
    QSvgRenderer renderer(svg);
    if (!renderer.isValid()) {
        out.error = QStringLiteral("The typesetter's picture could not be drawn.");
        return out;
    }
    const QSize size(int(std::ceil(w * devicePixelRatio)),
                     int(std::ceil((h + top + bottom) * devicePixelRatio)));
    out.image = QImage(size, QImage::Format_ARGB32_Premultiplied);
    out.image.fill(Qt::transparent);
    QPainter painter(&out.image);
    painter.setRenderHint(QPainter::Antialiasing);
    renderer.render(&painter,
                    QRectF(0, top * devicePixelRatio, w * devicePixelRatio, h * devicePixelRatio));
    painter.end();
    out.image.setDevicePixelRatio(devicePixelRatio);
    out.baselinePad = pad;
    return out;
}

} // namespace Sluice
