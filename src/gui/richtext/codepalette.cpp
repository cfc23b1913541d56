#include "gui/richtext/codepalette.h"

#include <QHash>

#include <cmath>

namespace Sluice {

namespace {

qreal channel(qreal c)
{
    return c <= 0.03928 ? c / 12.92 : std::pow((c + 0.055) / 1.055, 2.4);
}

qreal luminance(const QColor &c)
{
    return 0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF());
}

QColor mix(const QColor &a, const QColor &b, qreal t)
{
    return QColor::fromRgbF(float(a.redF() + (b.redF() - a.redF()) * t),
                            float(a.greenF() + (b.greenF() - a.greenF()) * t),
                            float(a.blueF() + (b.blueF() - a.blueF()) * t));
}

// The design colours: GitHub's light and dark syntax themes, comments a shade darker in
// light so that they pass AA on a tinted background.
struct Pair
{
    QRgb light;
    QRgb dark;
};
constexpr Pair Design[int(CodeScope::Count)] = {
    {0xcf222e, 0xff7b72}, // Keyword
    {0x0a3069, 0xa5d6ff}, // String
    {0x0550ae, 0x79c0ff}, // Number
    {0x57606a, 0x8b949e}, // Comment
    {0x8250df, 0xd2a8ff}, // Function
    {0x953800, 0xffa657}, // Type
    {0x953800, 0xffa657}, // Variable
    {0x0550ae, 0x79c0ff}, // Attribute
    {0x0550ae, 0x79c0ff}, // Meta
    {0x116329, 0x7ee787}, // Tag
    {0x116329, 0x7ee787}, // Addition
    {0x82071e, 0xffa198}, // Deletion
    {0x0550ae, 0x79c0ff}, // Heading
};

} // namespace

CodeScope codeScopeOf(QStringView classes)
{
    static const QHash<QString, CodeScope> scopes = {
        {QStringLiteral("keyword"), CodeScope::Keyword},
        {QStringLiteral("built_in"), CodeScope::Function},
        {QStringLiteral("type"), CodeScope::Type},
        {QStringLiteral("literal"), CodeScope::Number},
        {QStringLiteral("number"), CodeScope::Number},
        {QStringLiteral("operator"), CodeScope::Keyword},
        {QStringLiteral("property"), CodeScope::Attribute},
        {QStringLiteral("regexp"), CodeScope::String},
        {QStringLiteral("string"), CodeScope::String},
        {QStringLiteral("char"), CodeScope::String},
        {QStringLiteral("subst"), CodeScope::Variable},
        {QStringLiteral("symbol"), CodeScope::Number},
        {QStringLiteral("class"), CodeScope::Type},
        {QStringLiteral("function"), CodeScope::Function},
        {QStringLiteral("title"), CodeScope::Function},
        {QStringLiteral("params"), CodeScope::Variable},
        {QStringLiteral("comment"), CodeScope::Comment},
        {QStringLiteral("doctag"), CodeScope::Keyword},
        {QStringLiteral("meta"), CodeScope::Meta},
        {QStringLiteral("section"), CodeScope::Heading},
        {QStringLiteral("tag"), CodeScope::Tag},
        {QStringLiteral("name"), CodeScope::Tag},
        {QStringLiteral("selector-tag"), CodeScope::Tag},
        {QStringLiteral("selector-id"), CodeScope::Function},
        {QStringLiteral("selector-class"), CodeScope::Function},
        {QStringLiteral("selector-attr"), CodeScope::Attribute},
        {QStringLiteral("selector-pseudo"), CodeScope::Keyword},
        {QStringLiteral("attr"), CodeScope::Attribute},
        {QStringLiteral("attribute"), CodeScope::Attribute},
        {QStringLiteral("variable"), CodeScope::Variable},
        {QStringLiteral("template-variable"), CodeScope::Variable},
        {QStringLiteral("template-tag"), CodeScope::Keyword},
        {QStringLiteral("bullet"), CodeScope::Keyword},
        {QStringLiteral("code"), CodeScope::String},
        {QStringLiteral("formula"), CodeScope::Number},
        {QStringLiteral("link"), CodeScope::String},
        {QStringLiteral("quote"), CodeScope::Comment},
        {QStringLiteral("addition"), CodeScope::Addition},
        {QStringLiteral("deletion"), CodeScope::Deletion},
    };
    // "hljs-title class_" is a type, "hljs-title function_" a function.
    QStringView first = classes;
    const qsizetype space = classes.indexOf(u' ');
    if (space >= 0) {
        first = classes.left(space);
        if (classes.mid(space + 1).startsWith(u"class_"))
            return CodeScope::Type;
    }
    if (first.startsWith(u"hljs-"))
        first = first.mid(5);
    const auto it = scopes.constFind(first.toString());
    return it == scopes.constEnd() ? CodeScope::Count : it.value();
}

QString codeScopeName(CodeScope scope)
{
    static const char *const names[int(CodeScope::Count)] = {
        "keyword",   "string", "number", "comment",  "function", "type",   "variable",
        "attribute", "meta",   "tag",    "addition", "deletion", "heading"};
    return scope == CodeScope::Count ? QString() : QString::fromLatin1(names[int(scope)]);
}

qreal contrastRatio(const QColor &a, const QColor &b)
{
    const qreal la = luminance(a);
    const qreal lb = luminance(b);
    return (qMax(la, lb) + 0.05) / (qMin(la, lb) + 0.05);
}

CodePalette CodePalette::forBackground(const QColor &background, const QColor &text, bool dark)
{
    CodePalette p;
    p.background = background;
    // Pull towards whichever of black/white, or the text colour, reads best.
    const QColor far = contrastRatio(text, background) >= MinimumContrast
                           ? text
                           : (luminance(background) > 0.18 ? QColor(Qt::black) : QColor(Qt::white));
    for (int i = 0; i < int(CodeScope::Count); ++i) {
        QColor c = QColor::fromRgb(dark ? Design[i].dark : Design[i].light);
        for (int step = 1; step <= 20 && contrastRatio(c, background) < MinimumContrast + 0.05;
             ++step)
            c = mix(QColor::fromRgb(dark ? Design[i].dark : Design[i].light), far, step / 20.0);
        p.colors[i] = c;
    }
    return p;
}

} // namespace Sluice
