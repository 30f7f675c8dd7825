#include "cli/CommandRegistry.h"

namespace acp::cli {

api::KubeconfigLoadOptions GlobalOptions::loadOptions() const
{
    api::KubeconfigLoadOptions o;
    o.explicitPath = kubeconfig;
    return o;
}

int CommandContext::fail(const QString &message) const
{
    out.flush();
    err << "error: " << message << Qt::endl;
    return 1;
}

void ArgParser::addBool(const QString &name, const QString &shortName)
{
    m_isBool.insert(name, true);
    if (!shortName.isEmpty())
        m_short.insert(shortName, name);
}

void ArgParser::addValue(const QString &name, const QString &shortName)
{
    m_isBool.insert(name, false);
    if (!shortName.isEmpty())
        m_short.insert(shortName, name);
}

bool ArgParser::flag(const QString &name) const
{
    const QString v = m_values.value(name);
    return m_values.contains(name) && v != QLatin1String("false");
}

std::optional<QString> ArgParser::parse()
{
    for (int i = 0; i < m_args.size(); ++i) {
        const QString a = m_args.at(i);
        if (a == QLatin1String("--")) {
            m_positional += m_args.mid(i + 1);
            break;
        }
        if (!a.startsWith(QLatin1Char('-')) || a == QLatin1String("-")) {
            m_positional.append(a);
            continue;
        }
        QString name, value;
        bool hasValue = false;
        if (a.startsWith(QLatin1String("--"))) {
            name = a.mid(2);
            const int eq = name.indexOf(QLatin1Char('='));
            if (eq >= 0) {
                value = name.mid(eq + 1);
                name.truncate(eq);
                hasValue = true;
            }
        } else {
            const QString s = a.mid(1, 1);
            if (!m_short.contains(s))
                return QStringLiteral("unknown shorthand flag: '%1' in %2").arg(s, a);
            name = m_short.value(s);
            if (a.size() > 2) {
                value = a.mid(a.at(2) == QLatin1Char('=') ? 3 : 2);
                hasValue = true;
            }
        }
        if (!m_isBool.contains(name))
            return QStringLiteral("unknown flag: --%1").arg(name);
        if (m_isBool.value(name)) {
            m_values.insert(name, hasValue ? value : QStringLiteral("true"));
            continue;
        }
        if (!hasValue) {
            if (i + 1 >= m_args.size())
                return QStringLiteral("flag needs an argument: --%1").arg(name);
            value = m_args.at(++i);
        }
        m_values.insert(name, value);
    }
    return std::nullopt;
}

std::optional<QString> CommandRegistry::extractGlobals(QStringList &argv, GlobalOptions &g)
{
    struct Spec {
        const char *name;
        const char *shortName;
        QString *target;
    };
    const Spec specs[] = {{"kubeconfig", nullptr, &g.kubeconfig}, {"context", nullptr, &g.context},
                          {"cluster", nullptr, &g.cluster},       {"user", nullptr, &g.user},
                          {"namespace", "n", &g.namespaceName},   {"token", nullptr, &g.token},
                          {"server", "s", &g.server},             {"as", nullptr, &g.as},
                          {"as-uid", nullptr, &g.asUid}};
    QStringList rest;
    for (int i = 0; i < argv.size(); ++i) {
        const QString a = argv.at(i);
        if (a == QLatin1String("--")) {
            rest += argv.mid(i);
            break;
        }
        if (a == QLatin1String("--insecure-skip-tls-verify") || a.startsWith(QLatin1String("--insecure-skip-tls-verify="))) {
            g.insecureSkipTlsVerify = !a.endsWith(QLatin1String("=false"));
            continue;
        }
        bool matched = false;
        for (const Spec &s : specs) {
            const QString longName = QLatin1String("--") + QLatin1String(s.name);
            const QString shortName = s.shortName ? QLatin1String("-") + QLatin1String(s.shortName) : QString();
            QString value;
            if (a == longName || (!shortName.isEmpty() && a == shortName)) {
                if (i + 1 >= argv.size())
                    return QStringLiteral("flag needs an argument: %1").arg(a);
                value = argv.at(++i);
            } else if (a.startsWith(longName + QLatin1Char('='))) {
                value = a.mid(longName.size() + 1);
            } else if (!shortName.isEmpty() && a.startsWith(shortName) && !a.startsWith(QLatin1String("--"))) {
                value = a.mid(a.size() > 2 && a.at(2) == QLatin1Char('=') ? 3 : 2);
            } else {
                continue;
            }
            *s.target = value;
            matched = true;
            break;
        }
        if (!matched && (a == QLatin1String("--as-group") || a.startsWith(QLatin1String("--as-group=")))) {
            if (a.contains(QLatin1Char('=')))
                g.asGroups.append(a.mid(a.indexOf(QLatin1Char('=')) + 1));
            else if (i + 1 < argv.size())
                g.asGroups.append(argv.at(++i));
            else
                return QStringLiteral("flag needs an argument: --as-group");
            matched = true;
        }
        if (!matched)
            rest.append(a);
    }
    argv = rest;
    return std::nullopt;
}

void CommandRegistry::add(const QStringList &path, const QString &summary, CommandFn fn)
{
    m_commands.append(Command{path, summary, std::move(fn)});
}

void CommandRegistry::usage(QTextStream &s, const QStringList &prefix) const
{
    s << "Usage: acpctl " << (prefix.isEmpty() ? QString() : prefix.join(QLatin1Char(' ')) + QLatin1Char(' '))
      << "COMMAND [flags]\n\nCommands:\n";
    for (const Command &c : m_commands)
        if (c.path.mid(0, prefix.size()) == prefix)
            s << "  " << c.path.join(QLatin1Char(' ')).leftJustified(28) << c.summary << '\n';
    s << "\nGlobal flags: --kubeconfig, --context, --cluster, --user, -n/--namespace, --token, -s/--server,\n"
         "  --as, --as-group, --as-uid, --insecure-skip-tls-verify\n";
    s.flush();
}

int CommandRegistry::run(const QStringList &argvIn, QTextStream &out, QTextStream &err) const
{
    QStringList argv = argvIn;
    GlobalOptions global;
    if (auto e = extractGlobals(argv, global)) {
        err << "error: " << *e << Qt::endl;
        return 1;
    }
    QStringList words;
    for (const QString &a : argv) {
        if (a.startsWith(QLatin1Char('-')))
            break;
        words.append(a);
    }
    const Command *best = nullptr;
    for (const Command &c : m_commands)
        if (words.mid(0, c.path.size()) == c.path && (!best || c.path.size() > best->path.size()))
            best = &c;
    if (argv.contains(QStringLiteral("-h")) || argv.contains(QStringLiteral("--help")) || !best) {
        const bool help = argv.contains(QStringLiteral("-h")) || argv.contains(QStringLiteral("--help"));
        if (!help && !words.isEmpty()) {
            err << "error: unknown command \"" << words.join(QLatin1Char(' ')) << "\" for \"acpctl\"\n";
            usage(err, {});
            return 1;
        }
        usage(help ? out : err, best ? best->path.mid(0, 1) : words.mid(0, 1));
        return help ? 0 : 1;
    }
    // Remove the command words (they are the first non-flag tokens) from the arguments.
    QStringList args = argv;
    for (const QString &w : best->path)
        args.removeAt(args.indexOf(w));
    CommandContext ctx{global, args, out, err};
    const int rc = best->fn(ctx);
    out.flush();
    err.flush();
    return rc;
}

} // namespace acp::cli
