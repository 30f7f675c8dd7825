#include "api/ApiError.h"

namespace acp::api {

QString ApiError::toString() const
{
    QString text = message.isEmpty() ? reason : message;
    if (!file.isEmpty()) {
        QString pos = file;
        if (line > 0) {
            pos += QLatin1Char(':') + QString::number(line);
            if (column > 0)
                pos += QLatin1Char(':') + QString::number(column);
        }
        return pos + QLatin1String(": ") + text;
    }
    return text;
}

ApiError ApiError::fromStatus(const QJsonObject &status, int http)
{
    ApiError e;
    e.httpStatus = http ? http : status.value(QLatin1String("code")).toInt();
    e.reason = status.value(QLatin1String("reason")).toString();
    e.message = status.value(QLatin1String("message")).toString();
    e.details = status.value(QLatin1String("details")).toObject();
    const QString kind = e.details.value(QLatin1String("kind")).toString();
    const QString name = e.details.value(QLatin1String("name")).toString();
    if (!kind.isEmpty() || !name.isEmpty())
        e.objectRef = kind + QLatin1Char('/') + name;
    return e;
}

ApiError ApiError::input(const QString &file, int line, int column, const QString &message)
{
    ApiError e;
    e.file = file;
    e.line = line;
    e.column = column;
    e.message = message;
    e.reason = QStringLiteral("Invalid");
    return e;
}

QJsonObject ApiError::toStatus() const
{
    QJsonObject s{{QStringLiteral("kind"), QStringLiteral("Status")},
                  {QStringLiteral("apiVersion"), QStringLiteral("v1")},
                  {QStringLiteral("metadata"), QJsonObject()},
                  {QStringLiteral("status"), QStringLiteral("Failure")},
                  {QStringLiteral("message"), message},
                  {QStringLiteral("reason"), reason},
                  {QStringLiteral("code"), httpStatus}};
    if (!details.isEmpty())
        s.insert(QStringLiteral("details"), details);
    return s;
}

} // namespace acp::api
