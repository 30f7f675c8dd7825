target_sources(acp_views_policies PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PoliciesPages.h ${CMAKE_CURRENT_LIST_DIR}/PoliciesPages.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PoliciesPage.h ${CMAKE_CURRENT_LIST_DIR}/PoliciesPage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PoliciesPageActions.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PolicyTargetBar.h ${CMAKE_CURRENT_LIST_DIR}/PolicyTargetBar.cpp
  ${CMAKE_CURRENT_LIST_DIR}/TemplateCatalogView.h ${CMAKE_CURRENT_LIST_DIR}/TemplateCatalogView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ImpactPreviewView.h ${CMAKE_CURRENT_LIST_DIR}/ImpactPreviewView.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PsaLabelEditor.h ${CMAKE_CURRENT_LIST_DIR}/PsaLabelEditor.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PolicyReportsView.h ${CMAKE_CURRENT_LIST_DIR}/PolicyReportsView.cpp)
