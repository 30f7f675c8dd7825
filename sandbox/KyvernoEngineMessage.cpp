// KyvernoEngine::blockedMessage: pkg/webhooks/utils/block.go GetBlockedMessages, with the
// {policy: {rule: message}} map serialised as gopkg.in/yaml.v2 does (sorted keys, two-space
// indent, plain or single-quoted scalars folded at column 80, literal blocks for multi-line text).
#include "sandbox/KyvernoEngine.h"

#include <QMap>
#include <QRegularExpression>

namespace acp::sandbox {

namespace {

constexpr int kBestWidth = 80;

// yaml_emitter_analyze_scalar + yaml.v2's resolve(): may the text be written plain?
bool plainAllowed(const QString &s)
{
    if (s.isEmpty() || s.front().isSpace() || s.back().isSpace())
        return false;
    static const QString indicators = QStringLiteral("#,[]{}&*!|>'\"%@`");
    if (indicators.contains(s.front()))
        return false;
    if ((s.front() == QLatin1Char('-') || s.front() == QLatin1Char('?') || s.front() == QLatin1Char(':'))
        && (s.size() == 1 || s.at(1).isSpace()))
        return false;
    if (s.contains(QLatin1String(": ")) || s.contains(QLatin1String(" #")) || s.endsWith(QLatin1Char(':')))
        return false;
    if (s.startsWith(QLatin1String("---")) || s.startsWith(QLatin1String("...")))
        return false;
    // Strings that would read back as another type are quoted.
    static const QRegularExpression other(QStringLiteral(
        "^(~|null|Null|NULL|true|True|TRUE|false|False|FALSE|y|Y|yes|Yes|YES|n|N|no|No|NO|on|On|ON|off|Off|OFF"
        "|[-+]?[0-9][0-9_]*(\\.[0-9_]*)?([eE][-+]?[0-9]+)?|0x[0-9a-fA-F_]+|[-+]?\\.(inf|Inf|INF)|\\.(nan|NaN|NAN))$"));
    return !other.match(s).hasMatch();
}

// Writes a flow scalar (plain or single-quoted) starting at `column`, breaking at spaces past
// the best width onto lines indented by `indent`.
QString flowScalar(const QString &s, int column, int indent, bool quoted)
{
    QString out = QStringLiteral(" ");
    ++column;
    if (quoted) {
        out += QLatin1Char('\'');
        ++column;
    }
    bool spaces = false;
    for (qsizetype i = 0; i < s.size(); ++i) {
        const QChar c = s.at(i);
        if (c == QLatin1Char(' ')) {
            const bool inner = !quoted || (i > 0 && i < s.size() - 1);
            if (!spaces && column > kBestWidth && inner && i + 1 < s.size() && s.at(i + 1) != QLatin1Char(' ')) {
                out += QLatin1Char('\n') + QString(indent, QLatin1Char(' '));
                column = indent;
            } else {
                out += c;
                ++column;
            }
            spaces = true;
            continue;
        }
        if (quoted && c == QLatin1Char('\'')) {
            out += QLatin1Char('\'');
            ++column;
        }
        out += c;
        ++column;
        spaces = false;
    }
    if (quoted)
        out += QLatin1Char('\'');
    return out;
}

QString literalScalar(const QString &s, int indent)
{
    QString out = s.endsWith(QLatin1Char('\n')) ? QStringLiteral(" |\n") : QStringLiteral(" |-\n");
    QString body = s;
    if (body.endsWith(QLatin1Char('\n')))
        body.chop(1);
    for (const QString &line : body.split(QLatin1Char('\n')))
        out += (line.isEmpty() ? QString() : QString(indent, QLatin1Char(' ')) + line) + QLatin1Char('\n');
    out.chop(1);
    return out;
}

QString scalar(const QString &s, int column, int indent)
{
    if (s.contains(QLatin1Char('\n')))
        return literalScalar(s, indent);
    return flowScalar(s, column, indent, !plainAllowed(s));
}

QString key(const QString &k)
{
    return plainAllowed(k) ? k : QLatin1Char('\'') + QString(k).replace(QLatin1Char('\''), QStringLiteral("''")) + QLatin1Char('\'');
}

} // namespace

QString KyvernoEngine::blockedMessage(const QString &kind, const QString &ns, const QString &name,
                                      const QList<QPair<QString, QList<KyvernoRuleResult>>> &policies)
{
    QMap<QString, QMap<QString, QString>> failures;
    for (const auto &p : policies) {
        QMap<QString, QString> rules;
        for (const KyvernoRuleResult &r : p.second)
            if (r.status == KyvernoRuleResult::Fail || r.status == KyvernoRuleResult::Error)
                rules.insert(r.rule, r.message);
        if (!rules.isEmpty())
            failures.insert(p.first, rules);
    }
    if (failures.isEmpty())
        return QString();
    QString yaml;
    for (auto p = failures.begin(); p != failures.end(); ++p) {
        yaml += key(p.key()) + QStringLiteral(":\n");
        for (auto r = p->begin(); r != p->end(); ++r) {
            const QString k = QStringLiteral("  ") + key(r.key()) + QLatin1Char(':');
            yaml += k + scalar(r.value(), int(k.size()), 4) + QLatin1Char('\n');
        }
    }
    return QStringLiteral("\n\nresource %1/%2/%3 was blocked due to the following policies \n\n%4").arg(kind, ns, name, yaml);
}

} // namespace acp::sandbox
