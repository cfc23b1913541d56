#include "core/net/headercheck.h"

#include <QCoreApplication>

#include <algorithm>

namespace Sluice {

namespace {

class HeaderText final
{
    Q_DECLARE_TR_FUNCTIONS(Sluice::HeaderCheck)
};

bool breaksLine(char32_t c)
{
    return c == U'\r' || c == U'\n' || c == U'\0';
}

} // namespace

bool breaksHeaderLine(QStringView value)
{
    return std::any_of(value.begin(), value.end(), [](QChar c) { return breaksLine(c.unicode()); });
}

bool breaksHeaderLine(QByteArrayView value)
{
    return std::any_of(value.begin(), value.end(),
                       [](char c) { return breaksLine(char32_t(uchar(c))); });
}

QString headerValueError(const QString &provider, const QString &header)
{
    //: %1 = provider name, %2 = header name (or "api_key")
    return HeaderText::tr("Provider \"%1\": the header %2 contains a line break or NUL character, "
                          "which would end the header on the wire; remove it.")
        .arg(provider, header);
}

QString headerProblem(const ProviderConfig &config)
{
    const QString provider = config.name.isEmpty() ? config.id : config.name;
    if (breaksHeaderLine(QStringView(config.apiKey))) {
        return HeaderText::tr("Provider \"%1\": the API key contains a line break or NUL "
                              "character, which would end the header on the wire; remove it.")
            .arg(provider);
    }
    for (const auto &[name, value] : config.headers) {
        if (breaksHeaderLine(name) || breaksHeaderLine(value))
            return headerValueError(provider, QString::fromUtf8(name).simplified());
    }
    return {};
}

} // namespace Sluice
