#pragma once
// The rows of PatchSchema (data only; see PatchSchema.h). Internal to PatchSchema.cpp.
#include "sandbox/PatchSchema.h"

namespace acp::sandbox::patchschema {

struct Row {
    const char *type;        // owning type
    const char *field;       // field name; "" = a row about the type itself
    PatchSchema::ListType list;
    const char *keys;        // list map keys, comma separated
    const char *defaults;    // key defaults, "key=value" comma separated (string values)
    bool atomic;             // x-kubernetes-map-type: atomic
    const char *strategy;    // patch strategies, comma separated
    const char *mergeKey;    // patch merge key
    const char *elem;        // type of the value / list items ("" when nothing below matters)
};

struct Root {
    const char *group;
    const char *kind;
    const char *type;
};

extern const Row kRows[];
extern const int kRowCount;
extern const Root kRoots[];
extern const int kRootCount;

} // namespace acp::sandbox::patchschema
