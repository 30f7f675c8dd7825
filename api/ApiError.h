#pragma once
// ApiError: what went wrong with an API call, in the server's own words.
// Decoded from a Kubernetes `Status` object when the server sent one; otherwise built from the
// transport error. Value type, cheap to copy, safe to pass between threads.
#include <QJsonObject>
#include <QString>

namespace acp::api {

struct ApiError {
    int httpStatus = 0;        // 0 = no HTTP response (transport error, parse error, ...)
    QString reason;            // Kubernetes StatusReason, e.g. "NotFound", "Conflict"
    QString message;           // human-readable, the server's text when there was one
    QString cluster;           // cluster the call went to, if known
    QString objectRef;         // "kind/namespace/name" or similar, if known
    QJsonObject details;       // Status.details as sent
    QString file;              // for local input errors (YAML, kubeconfig)
    int line = 0;              // 1-based, 0 = unknown
    int column = 0;            // 1-based, 0 = unknown

    bool isNotFound() const { return httpStatus == 404 || reason == QLatin1String("NotFound"); }
    bool isConflict() const { return httpStatus == 409 || reason == QLatin1String("Conflict"); }
    bool isAlreadyExists() const { return reason == QLatin1String("AlreadyExists"); }
    bool isGone() const { return httpStatus == 410 || reason == QLatin1String("Gone") || reason == QLatin1String("Expired"); }
    bool isForbidden() const { return httpStatus == 403 || reason == QLatin1String("Forbidden"); }
    bool isUnauthorized() const { return httpStatus == 401 || reason == QLatin1String("Unauthorized"); }
    bool isInvalid() const { return httpStatus == 422 || reason == QLatin1String("Invalid"); }
    bool isTooManyRequests() const { return httpStatus == 429 || reason == QLatin1String("TooManyRequests"); }
    bool isServerError() const { return httpStatus >= 500; }

    // "file:line:column: message" for local input, else the message (with the reason if no message).
    QString toString() const;

    // Build from a Kubernetes Status object (kind: Status).
    static ApiError fromStatus(const QJsonObject &status, int httpStatus = 0);
    // 400 BadRequest with the given message (selector, quantity and request-body errors).
    static ApiError badRequest(const QString &message) { return ApiError{400, QStringLiteral("BadRequest"), message}; }
    // A local input error with position.
    static ApiError input(const QString &file, int line, int column, const QString &message);
    // The Status object kube-apiserver would write for this error.
    QJsonObject toStatus() const;
};

} // namespace acp::api
