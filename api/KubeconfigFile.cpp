#include "api/KubeconfigFile.h"
#include "api/Yaml.h"
#include "api/YamlPositions.h"
#include <QDir>
#include <QFile>
#include <QFileInfo>

namespace acp::api {

namespace {

// The 1-based line of every mapping key and sequence item of the first document, by JSON path
// ("clusters[0].cluster.server"), from the same parse that gave the value.
QHash<QString, int> lineMap(const YamlPositionDocument &doc)
{
    QHash<QString, int> lines;
    for (const YamlNodePosition &n : doc.nodes) {
        if (n.path.isEmpty())
            continue;
        const YamlRange &at = n.key.isValid() ? n.key : n.value;
        if (at.isValid() && !lines.contains(n.path))
            lines.insert(n.path, at.line);
    }
    return lines;
}

} // namespace

Result<KubeconfigFile> KubeconfigFile::read(const QString &path)
{
    QFile f(path);
    if (!f.open(QIODevice::ReadOnly)) {
        const QString why = f.exists() ? QStringLiteral("permission denied") : QStringLiteral("no such file or directory");
        return ApiError::input(path, 0, 0, QStringLiteral("error loading config file \"%1\": open %1: %2").arg(path, why));
    }
    return fromText(f.readAll(), path);
}

KubeconfigFile KubeconfigFile::missing(const QString &path)
{
    KubeconfigFile f;
    f.m_path = path;
    f.m_absPath = QFileInfo(path).absoluteFilePath();
    return f;
}

Result<KubeconfigFile> KubeconfigFile::fromText(const QByteArray &text, const QString &path)
{
    KubeconfigFile f = missing(path);
    f.m_exists = true;
    f.m_text = text;
    const QString prefix = QStringLiteral("error loading config file \"%1\": ").arg(path);
    // One parse gives the values and their lines; parseAll only words a syntax error.
    const YamlPositions positions = YamlPositions::build(QString::fromUtf8(text));
    if (positions.hasErrors()) {
        auto docs = yaml::parseAll(text, path);
        ApiError e = docs ? ApiError::input(path, 0, 0, QStringLiteral("invalid YAML")) : docs.error();
        e.message = prefix + e.message;
        return e;
    }
    QJsonValue root;
    int docLine = 0;
    if (!positions.documents().isEmpty()) {
        const YamlPositionDocument &first = positions.documents().first();
        root = first.value;
        docLine = first.firstLine;
        f.m_lines = lineMap(first);
    }
    if (auto err = KubeconfigCodec::decodeFile(root, &f.m_decoded)) {
        ApiError e = ApiError::input(path, f.lineOf(err->path), 0, prefix + err->message);
        e.details.insert(QStringLiteral("field"), err->path);
        return e;
    }
    f.m_root = root.toObject();
    const QList<QByteArray> lines = text.split('\n');
    f.m_docEnd = lines.size() + 1;
    for (int i = qMax(docLine, 1); i < lines.size(); ++i) { // i is the 0-based index of line i+1
        const QByteArray &l = lines.at(i);
        if (l.startsWith("---") || l.startsWith("...")) {
            f.m_docEnd = i + 1;
            break;
        }
    }
    for (auto &c : f.m_decoded.clusters) {
        c.origin = f.m_absPath;
        c.line = f.lineOf(QStringLiteral("clusters[%1]").arg(&c - f.m_decoded.clusters.data()));
    }
    for (auto &u : f.m_decoded.users) {
        u.origin = f.m_absPath;
        u.line = f.lineOf(QStringLiteral("users[%1]").arg(&u - f.m_decoded.users.data()));
    }
    for (auto &c : f.m_decoded.contexts) {
        c.origin = f.m_absPath;
        c.line = f.lineOf(QStringLiteral("contexts[%1]").arg(&c - f.m_decoded.contexts.data()));
    }
    return f;
}

int KubeconfigFile::lineOf(const QString &jsonPath) const
{
    QString p = jsonPath;
    while (!p.isEmpty()) {
        const auto it = m_lines.constFind(p);
        if (it != m_lines.constEnd())
            return it.value();
        const int cut = qMax(p.lastIndexOf(QLatin1Char('.')), p.lastIndexOf(QLatin1Char('[')));
        if (cut <= 0)
            break;
        p.truncate(cut);
    }
    return 0;
}

QByteArray KubeconfigFile::render(const QJsonObject &newRoot, bool *lineLevel) const
{
    if (m_exists) {
        if (auto text = renderLines(newRoot)) {
            if (lineLevel)
                *lineLevel = true;
            return *text;
        }
    }
    if (lineLevel)
        *lineLevel = false;
    return yaml::dump(newRoot);
}

int KubeconfigFile::listEnd(const QString &key) const
{
    const int keyLine = m_lines.value(key);
    int end = m_docEnd;
    for (auto it = m_lines.begin(); it != m_lines.end(); ++it) {
        if (it.key().contains(QLatin1Char('.')) || it.key().contains(QLatin1Char('[')))
            continue; // top-level keys only
        if (it.value() > keyLine && it.value() < end)
            end = it.value();
    }
    return end; // 1-based line that follows the list
}

} // namespace acp::api
