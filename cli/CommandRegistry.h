#pragma once
// acpctl's command framework: global flags, a registry of subcommands addressed by a word path
// ("config view"), and a small flag parser for each command's own flags. See cli/main.cpp for
// how to add a command group. Single-threaded (runs on main()'s thread).
#include "api/Kubeconfig.h"
#include <QHash>
#include <QStringList>
#include <QTextStream>
#include <functional>
#include <optional>

namespace acp::cli {

// kubectl's global flags. Accepted anywhere on the command line (before or after the
// subcommand), as "--flag value" or "--flag=value"; "-n" also as "-nNS".
struct GlobalOptions {
    QString kubeconfig;   // --kubeconfig
    QString context;      // --context
    QString cluster;      // --cluster
    QString user;         // --user
    QString namespaceName; // -n / --namespace
    QString token;        // --token
    QString server;       // --server / -s
    QString as;           // --as
    QStringList asGroups; // --as-group (repeatable)
    QString asUid;        // --as-uid
    bool insecureSkipTlsVerify = false; // --insecure-skip-tls-verify

    api::KubeconfigLoadOptions loadOptions() const;
};

// What a command gets: the global options, its own arguments (global flags removed), streams.
struct CommandContext {
    GlobalOptions global;
    QStringList args;
    QTextStream &out;
    QTextStream &err;

    // Prints "error: <message>" (kubectl's style) and returns exit code 1.
    int fail(const QString &message) const;
};

using CommandFn = std::function<int(CommandContext &)>;

// Parses a command's own flags out of CommandContext::args. Declare the flags, then parse().
// Unknown flags are an error ("unknown flag: --x", as kubectl says).
class ArgParser {
public:
    explicit ArgParser(QStringList args) : m_args(std::move(args)) {}
    void addBool(const QString &name, const QString &shortName = QString());
    void addValue(const QString &name, const QString &shortName = QString());
    std::optional<QString> parse(); // error text, or nullopt when fine
    bool isSet(const QString &name) const { return m_values.contains(name); }
    QString value(const QString &name, const QString &fallback = QString()) const { return m_values.value(name, fallback); }
    bool flag(const QString &name) const;
    QStringList positional() const { return m_positional; }

private:
    QStringList m_args, m_positional;
    QHash<QString, bool> m_isBool;      // long name -> takes no value
    QHash<QString, QString> m_short;     // short -> long
    QHash<QString, QString> m_values;
};

class CommandRegistry {
public:
    // path: words of the subcommand, e.g. {"config", "view"}; summary: one line for help.
    void add(const QStringList &path, const QString &summary, CommandFn fn);
    // Runs argv (without the program name); returns the exit code.
    int run(const QStringList &argv, QTextStream &out, QTextStream &err) const;
    // Removes kubectl's global flags from argv into `global`; returns an error text or nullopt.
    static std::optional<QString> extractGlobals(QStringList &argv, GlobalOptions &global);

private:
    struct Command {
        QStringList path;
        QString summary;
        CommandFn fn;
    };
    void usage(QTextStream &s, const QStringList &prefix) const;
    QList<Command> m_commands;
};

} // namespace acp::cli
