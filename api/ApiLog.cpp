#include "api/ApiLog.h"

namespace acp::api {
Q_LOGGING_CATEGORY(lcApi, "acp.api")
}
