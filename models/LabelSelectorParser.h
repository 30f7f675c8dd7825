#pragma once
// LabelSelectorParser: the lexer and recursive-descent parser of k8s.io/apimachinery/pkg/labels
// (labels.Lexer / labels.Parser), kept apart from LabelSelector to keep files small. Produces the
// requirements in input order (LabelSelector sorts them) or apimachinery's error text
// (httpStatus 400, reason BadRequest). Pure function, any thread.
#include "api/Result.h"
#include "models/LabelSelector.h"

#include <QList>
#include <QString>

namespace acp::models {

class LabelSelectorParser {
public:
    static acp::api::Result<QList<LabelSelector::Requirement>> parse(const QString &selector);
};

} // namespace acp::models
