// GetCommandRun::print(): kubectl's output once every job finished (tables, names, List).
#include "api/Yaml.h"
#include "cli/GetCommandJson.h"
#include "cli/GetCommandRun.h"

#include <QJsonArray>

namespace acp::cli {

int GetCommandRun::print()
{
    m_out.flush();
    bool wrote = false, anyError = !m_errors.isEmpty();
    QList<QJsonObject> items;
    const QString &o = m_options.output;
    const bool tableMode = o.isEmpty() || o == QLatin1String("wide");
    for (int a = 0; a < m_options.args.size(); ++a) {
        TablePrinter table;
        bool headerDone = false;
        for (Job *job : std::as_const(m_jobs)) {
            if (job->arg != a)
                continue;
            for (const PageResult &p : std::as_const(job->pages)) {
                if (tableMode && !p.rows.isEmpty()) {
                    if (!headerDone && !m_options.noHeaders)
                        table.addRow(job->spec.header());
                    headerDone = true;
                    table.append(p.rows);
                } else if (!p.names.isEmpty()) {
                    if (m_options.multiCluster) {
                        for (const QByteArray &line : p.names.split('\n'))
                            if (!line.isEmpty())
                                fwrite((job->spec.clusterCell + ' ' + line + '\n').constData(), 1, size_t(line.size() + job->spec.clusterCell.size() + 2), stdout);
                    } else {
                        fwrite(p.names.constData(), 1, size_t(p.names.size()), stdout);
                    }
                    wrote = true;
                }
                items += p.items;
            }
        }
        if (!table.isEmpty()) {
            if (wrote && !m_options.noHeaders)
                fputc('\n', stdout);
            table.write(stdout);
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
