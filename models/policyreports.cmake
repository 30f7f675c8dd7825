# Policy reports (wgpolicyk8s.io/v1alpha2 PolicyReport) aggregated per policy for the Policies
# page. Qt Core only.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PolicyReportSummary.h ${CMAKE_CURRENT_LIST_DIR}/PolicyReportSummary.cpp)
