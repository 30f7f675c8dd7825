# YAML editor logic (schema checks, apply, diff, drafts): Qt Core only, used by views/editor and acpctl.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/YamlDiagnostic.h)
