#pragma once
// KubeconfigFile: one kubeconfig file as read from disk: its text, its first YAML document as
// JSON, the decoded entries, and where each field sits (line numbers), plus the comment-keeping
// rewrite used when saving. Value type, any thread.
//
// Like kubectl, only the first non-empty YAML document is the config; an empty file is an
// empty config.
//
// Saving (render): the new text is produced by line-level edits of the old text:
//  - a changed top-level scalar (current-context, kind, apiVersion) written as one
//    "key: value" line at column 0 is replaced on that line; a new one is appended at the end;
//  - an entry of clusters/users/contexts (block sequence) that changed is re-emitted in place
//    (same indentation) over the lines it occupied; a removed entry's lines are deleted; a new
//    entry is appended after the last entry of its list;
//  - everything else (comments, blank lines, key order, quoting, unknown fields, other entries)
//    is kept byte for byte. Comments inside a re-emitted entry are lost; comments after an
//    entry's last line (before the next entry) are kept.
// The result is parsed again and compared with the intended JSON; if line-level editing is
// impossible (flow-style or missing lists, changed preferences/extensions/unknown top-level
// fields) or the check fails, the whole file is re-emitted with yaml::dump (comments and key
// order are then lost, every field including unknown ones is kept).
#include "api/KubeconfigCodec.h"
#include "api/Result.h"
#include <QHash>

namespace acp::api {

class KubeconfigFile {
public:
    // Reads and decodes `path` (as given; messages use it verbatim). A missing file is an error
    // here; the loader decides whether missing files are ignored.
    static Result<KubeconfigFile> read(const QString &path);
    // Decodes `text` as if read from `path` (tests, in-memory configs).
    static Result<KubeconfigFile> fromText(const QByteArray &text, const QString &path);
    // A file that does not exist yet (it is created on save).
    static KubeconfigFile missing(const QString &path);

    QString path() const { return m_path; }              // as given
    QString absolutePath() const { return m_absPath; }
    bool exists() const { return m_exists; }
    QByteArray text() const { return m_text; }
    QJsonObject root() const { return m_root; }
    const KubeconfigCodec::Decoded &decoded() const { return m_decoded; }

    // 1-based line of the field at `jsonPath` ("users[2].user.exec.command"), or of its nearest
    // ancestor that has one; 0 when unknown.
    int lineOf(const QString &jsonPath) const;

    // The text to write so that the file's config becomes `newRoot` (see the header comment).
    // `lineLevel` (optional) reports whether comments were kept (true) or the file was re-emitted.
    QByteArray render(const QJsonObject &newRoot, bool *lineLevel = nullptr) const;

private:
    std::optional<QByteArray> renderLines(const QJsonObject &newRoot) const;
    int listEnd(const QString &key) const;

    QString m_path, m_absPath;
    bool m_exists = false;
    QByteArray m_text;
    QJsonObject m_root;
    KubeconfigCodec::Decoded m_decoded;
    QHash<QString, int> m_lines; // JSON path -> 1-based line
    int m_docEnd = 0;            // 1-based line after the config document's last line
};

} // namespace acp::api
