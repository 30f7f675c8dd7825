#pragma once
// Colours and names of the editor widgets (diagnostic severities, diff rows), shared by
// YamlEditor, ProblemsList, DiffView and ThreeWayMergeView. GUI thread.
#include "models/YamlDiagnostic.h"

#include <KSyntaxHighlighting/Repository>

#include <QColor>
#include <QCoreApplication>
#include <QPalette>

namespace acp::views::editorstyle {

// The process's one KSyntaxHighlighting repository (loading the definitions' metadata costs tens
// of ms; GUI thread only).
inline KSyntaxHighlighting::Repository &repository()
{
    static KSyntaxHighlighting::Repository repo;
    return repo;
}

inline QColor severityColor(models::YamlDiagnostic::Severity s)
{
    switch (s) {
    case models::YamlDiagnostic::Severity::Error: return QColor(0xda, 0x44, 0x53);
    case models::YamlDiagnostic::Severity::Warning: return QColor(0xe0, 0x8a, 0x00);
    case models::YamlDiagnostic::Severity::Info: return QColor(0x3d, 0xae, 0xe9);
    }
    return QColor(Qt::red);
}

inline QString severityName(models::YamlDiagnostic::Severity s)
{
    switch (s) {
    case models::YamlDiagnostic::Severity::Error: return QCoreApplication::translate("YamlEditor", "Error");
    case models::YamlDiagnostic::Severity::Warning: return QCoreApplication::translate("YamlEditor", "Warning");
    case models::YamlDiagnostic::Severity::Info: return QCoreApplication::translate("YamlEditor", "Info");
    }
    return {};
}

inline bool isDark(const QPalette &p)
{
    return p.color(QPalette::Base).lightness() < 128;
}

// Backgrounds of diff rows (light and dark palettes) and of the changed characters inside them.
inline QColor removedLine(const QPalette &p) { return isDark(p) ? QColor(0x5a, 0x24, 0x28) : QColor(0xff, 0xeb, 0xe9); }
inline QColor addedLine(const QPalette &p) { return isDark(p) ? QColor(0x1f, 0x44, 0x2c) : QColor(0xe6, 0xff, 0xec); }
inline QColor removedChars(const QPalette &p) { return isDark(p) ? QColor(0x8e, 0x2f, 0x36) : QColor(0xff, 0xc0, 0xbb); }
inline QColor addedChars(const QPalette &p) { return isDark(p) ? QColor(0x2e, 0x6e, 0x42) : QColor(0xac, 0xf2, 0xbd); }
inline QColor fillerLine(const QPalette &p) { return isDark(p) ? QColor(0x30, 0x33, 0x38) : QColor(0xf2, 0xf3, 0xf5); }
inline QColor conflictLine(const QPalette &p) { return isDark(p) ? QColor(0x5c, 0x4a, 0x1a) : QColor(0xff, 0xf3, 0xcd); }

} // namespace acp::views::editorstyle
