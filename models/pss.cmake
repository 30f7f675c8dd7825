# Pod security for the Policies page: the template catalog (built-ins compiled in from
# resources/pss-templates as the pss_templates resource), namespace security state, impact
# preview, and the batch applier. Qt Core only.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PssTargets.h ${CMAKE_CURRENT_LIST_DIR}/PssTargets.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PssTemplateCatalog.h ${CMAKE_CURRENT_LIST_DIR}/PssTemplateCatalog.cpp
  ${CMAKE_CURRENT_LIST_DIR}/NamespaceSecurity.h ${CMAKE_CURRENT_LIST_DIR}/NamespaceSecurity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PssImpactPreview.h ${CMAKE_CURRENT_LIST_DIR}/PssImpactPreview.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PssTemplateApplier.h ${CMAKE_CURRENT_LIST_DIR}/PssTemplateApplier.cpp)
file(GLOB _acp_pss_templates CONFIGURE_DEPENDS ${CMAKE_SOURCE_DIR}/resources/pss-templates/*.yaml)
qt_add_resources(acp_models "pss_templates" PREFIX "/pss-templates" BASE ${CMAKE_SOURCE_DIR}/resources/pss-templates
                 FILES ${_acp_pss_templates})
