#include "models/ModelsLog.h"

namespace acp::models {
Q_LOGGING_CATEGORY(lcModels, "acp.models")
}
