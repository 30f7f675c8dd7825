#pragma once
// Internal to api/Yaml*.cpp: a libyaml-driven source of yaml-cpp parse events. libyaml parses
// several times faster than yaml-cpp's Parser; the consumers (Yaml.cpp's Builder, YamlPositions'
// PositionRecorder) keep yaml-cpp's YAML::EventHandler interface and see the events yaml-cpp's
// Parser would give them.
#include <QByteArray>
#include <QString>
#include <yaml-cpp/mark.h>

#include <optional>

namespace YAML {
class EventHandler;
}

namespace acp::api::yaml::detail {

struct SyntaxError {
    YAML::Mark mark;   // 0-based line; byte column and byte offset into the source
    QString message;   // libyaml's problem text (as go-yaml / kubectl print it)
};

// Parses the UTF-8 stream `source` (BOM already removed) and gives every event to `handler`, as
// yaml-cpp's YAML::Parser::HandleNextDocument() does:
// - OnDocumentStart/End per document; a stream of only comments has no document.
// - An untagged plain scalar that is empty, "~", "null", "Null" or "NULL" is OnNull (so is an
//   empty node); other scalars are OnScalar with tag "?" (untagged plain), "!" (untagged
//   quoted or block scalar) or the resolved explicit tag ("tag:yaml.org,2002:str", "!local").
// - Anchors are numbered 1, 2, ... per document in order of definition; OnAlias carries the
//   number of the latest anchor of that name. Collections have tag "?" unless tagged, and
//   EmitterStyle Flow or Block.
// - Marks are yaml-cpp's: 0-based line, column and pos counted in bytes of `source` (libyaml
//   counts characters; non-ASCII text is converted exactly).
// Returns the first syntax error (an alias to an undefined anchor and collections nested more
// than 1000 deep included); parsing stops
// there. Exceptions thrown by `handler` propagate (libyaml's state is freed). Any thread.
std::optional<SyntaxError> parseEvents(const QByteArray &source, YAML::EventHandler &handler);

} // namespace acp::api::yaml::detail
