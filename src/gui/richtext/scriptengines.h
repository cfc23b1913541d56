// The two JavaScript libraries, each in its own QJSEngine, used from one thread at a time.
//
// HighlightEngine runs highlight.js, MathEngine MathJax (TeX in, SVG out), from the scripts
// bundled at build time (js/bundle.mjs) and compiled in as resources. Each loads its script on
// first use, so a window that never shows code or math never pays for them. Both are plain
// synchronous classes: RichTextEngine runs them on its worker thread, the benchmarks directly.
#pragma once

#include "gui/richtext/codepalette.h"

#include <QByteArray>
#include <QColor>
#include <QImage>
#include <QList>
#include <QMutex>
#include <QString>

#include <memory>

class QJSEngine;
class QJSValue;

namespace Sluice {

struct HighlightResult
{
    QString language;        // what highlight.js used (the fence's, or its guess); "" = plain
    QList<CodeToken> tokens; // positions in the code
    QString error;           // why the code stays plain, when it does for a reason
};

struct TypesetResult
{
    QByteArray svg; // MathJax's SVG, drawn in currentColor
    QString error;  // why the formula did not typeset (TeX's own message)
    qreal widthEx = 0;
    qreal heightEx = 0;
    qreal depthEx = 0; // how far below the baseline it reaches
};

// Whether this build has the scripts (Node.js and npm were there when it was built).
bool richTextScriptsAvailable();

class ScriptEngine
{
public:
    ScriptEngine(const QString &resource, const QString &function);
    ~ScriptEngine();
    ScriptEngine(const ScriptEngine &) = delete;
    ScriptEngine &operator=(const ScriptEngine &) = delete;

    // Loads the script if it is not loaded yet; false with a sentence in error() if it fails.
    bool ensureLoaded();
    const QString &error() const { return m_error; }
    bool isLoaded() const { return m_function != nullptr; }
    // Frees the engine and its script (the next call loads them again) and gives the freed
    // heap back to the system, so an idle window does not keep tens of MiB of JavaScript.
    void unload();
    // Asks a running call to stop (from any thread); the call then fails.
    void interrupt();

protected:
    QJSEngine *engine() const { return m_engine.get(); }
    QJSValue *function() const { return m_function.get(); }

private:
    QString m_resource;
    QString m_name;
    std::unique_ptr<QJSEngine> m_engine;
    QMutex m_engineLock; // interrupt() comes from another thread while the engine may change
    std::unique_ptr<QJSValue> m_function;
    QString m_error;
};

class HighlightEngine final : public ScriptEngine
{
public:
    HighlightEngine();
    // `language` as written after the fence ("py", "C++", "" for none).
    HighlightResult highlight(const QString &code, const QString &language);
};

class MathEngine final : public ScriptEngine
{
public:
    MathEngine();
    TypesetResult typeset(const QString &tex, bool display);
};

// highlight.js's HTML (spans with classes, entities) as tokens over `code`; false when the
// text it carries is not `code`.
bool tokensFromHtml(const QString &html, const QString &code, QList<CodeToken> *tokens);

struct MathImage
{
    QImage image;          // device pixels, with its device pixel ratio set
    QString error;         // the formula shows as source, with this as the reason
    qreal baselinePad = 0; // see renderMathImage
};

// Draws a typeset formula `exPx` pixels to the ex in `color`. The image is padded above or
// below so that, placed with QTextCharFormat::AlignMiddle in a line of a font whose x-height is
// `xHeight`, its baseline sits on the line's baseline.
MathImage renderMathImage(const TypesetResult &typeset, qreal exPx, qreal xHeight,
                          const QColor &color, qreal devicePixelRatio);

} // namespace Sluice
