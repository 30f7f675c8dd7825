// GetCommandRun::print(): kubectl's output once every job finished (tables, names, List).
#include "api/Yaml.h"
#include "cli/GetCommandJson.h"
#include "cli/GetCommandRun.h"

#include <QJsonArray>

namespace acp::cli {

namespace {

// -o name lines; across clusters each line starts with the cluster and a space.
void writeNames(const QByteArray &cluster, const QByteArray &names)
{
    if (cluster.isEmpty()) {
        fwrite(names.constData(), 1, size_t(names.size()), stdout);
        return;
    }
    for (const QByteArray &line : names.split('\n')) {
        if (line.isEmpty())
            continue;
        const QByteArray out = cluster + ' ' + line + '\n';
        fwrite(out.constData(), 1, size_t(out.size()), stdout);
    }
}

} // namespace

int GetCommandRun::print()
{
    m_out.flush();
    bool wrote = false, anyError = !m_errors.isEmpty();
    QList<QJsonObject> items;
    const QString &o = m_options.output;
    const bool tableMode = o.isEmpty() || o == QLatin1String("wide");
    for (int a = 0; a < m_options.args.size(); ++a) {
        // One table per argument: the header and every page's rows (all targets), aligned with
        // the merged widths and written chunk by chunk (no copy of 100k rows into one buffer).
        TablePrinter header;
        QList<const TablePrinter *> chunks;
        for (Job *job : std::as_const(m_jobs)) {
            if (job->arg != a)
                continue;
            for (const PageResult &p : std::as_const(job->pages)) {
                if (tableMode && !p.rows.isEmpty()) {
                    if (header.isEmpty() && chunks.isEmpty() && !m_options.noHeaders)
                        header.addRow(job->spec.header());
                    chunks.append(&p.rows);
                    header.mergeWidths(p.rows.widths());
                } else if (!p.names.isEmpty()) {
                    writeNames(job->spec.clusterCell, p.names);
                    wrote = true;
                }
                items += p.items;
            }
        }
        if (!chunks.isEmpty()) {
            if (wrote && !m_options.noHeaders)
                fputc('\n', stdout);
            header.write(stdout);
            for (const TablePrinter *c : std::as_const(chunks))
                c->write(stdout, header.widths());
            wrote = true;
        }
    }
    for (Job *job : std::as_const(m_jobs))
        for (const api::ApiError &e : std::as_const(job->errors)) {
            printError(m_state.at(job->target)->target.label, e);
            anyError = true;
        }
    if (!tableMode && o != QLatin1String("name")) {
        QJsonValue doc;
        if (m_options.singleItemImplied && items.size() == 1) {
            doc = items.first();
        } else if (!m_fatal) {
            QJsonArray list;
            for (const QJsonObject &i : std::as_const(items))
                list.append(i);
            doc = QJsonObject{{QStringLiteral("apiVersion"), QStringLiteral("v1")},
                              {QStringLiteral("items"), list},
                              {QStringLiteral("kind"), QStringLiteral("List")},
                              {QStringLiteral("metadata"), QJsonObject{{QStringLiteral("resourceVersion"), QString()}}}};
        }
        if (!doc.isUndefined() && !(m_options.singleItemImplied && items.isEmpty())) {
            const QByteArray text = o == QLatin1String("json") ? goJsonIndent(doc) : api::yaml::dump(doc);
            fwrite(text.constData(), 1, size_t(text.size()), stdout);
        }
    }
    fflush(stdout);
    for (const QString &e : std::as_const(m_errors))
        m_err << e << '\n';
    if (!wrote && !anyError && tableMode) {
        bool allNamespaced = !m_options.allNamespaces;
        for (Job *job : std::as_const(m_jobs))
            allNamespaced = allNamespaced && job->resource.namespaced;
        if (allNamespaced && !m_state.isEmpty())
            m_err << "No resources found in " << m_state.first()->target.namespaceName << " namespace.\n";
        else
            m_err << "No resources found\n";
    }
    m_err.flush();
    return anyError ? 1 : 0;
}

} // namespace acp::cli
