#pragma once
// The models library's logging category ("acp.models"). Never log Secret data.
#include <QLoggingCategory>

namespace acp::models {
Q_DECLARE_LOGGING_CATEGORY(lcModels)
}
