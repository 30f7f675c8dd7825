#pragma once
// Theme: light and dark appearance. "System" keeps the platform's style and palette as they were
// at start (Qt 6.4 has no QStyleHints::colorScheme: whether the desktop is dark is read from the
// start palette's window lightness); "Light" and "Dark" use the Fusion style with a matching
// palette. The choice is persisted in QSettings ("view/theme"). Thread: GUI thread.
#include <QObject>
#include <QPalette>
#include <QString>

namespace acp::app {

class Theme : public QObject {
    Q_OBJECT
public:
    enum Mode { System, Light, Dark };
    Q_ENUM(Mode)

    // The application's theme (created on first use, after QApplication).
    static Theme *instance();

    Mode mode() const { return m_mode; }
    // Applies and persists `mode`.
    void setMode(Mode mode);
    // Applies the persisted mode (at start).
    void restore();
    // Whether what is shown now is dark (System: the desktop's palette).
    bool isDark() const;
    bool systemIsDark() const;

    static QPalette lightPalette();
    static QPalette darkPalette();
    static QString modeName(Mode mode);

Q_SIGNALS:
    void changed(acp::app::Theme::Mode mode);

private:
    Theme();
    void apply(Mode mode);

    Mode m_mode = System;
    QPalette m_systemPalette;
    QString m_systemStyle;
};

} // namespace acp::app
