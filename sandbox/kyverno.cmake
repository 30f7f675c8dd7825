# Kyverno in the sandbox: policy engine (match/exclude, auto-gen, pattern anchors, podSecurity
# over models::PodSecurity), the validating webhook at admission and the background scan that
# keeps per-resource PolicyReports current.
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/KyvernoPattern.h ${CMAKE_CURRENT_LIST_DIR}/KyvernoPattern.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KyvernoPodSecurity.h ${CMAKE_CURRENT_LIST_DIR}/KyvernoPodSecurity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KyvernoEngine.h ${CMAKE_CURRENT_LIST_DIR}/KyvernoEngine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KyvernoEngineMessage.cpp
  ${CMAKE_CURRENT_LIST_DIR}/AdmissionKyverno.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KyvernoReports.h ${CMAKE_CURRENT_LIST_DIR}/KyvernoReports.cpp)
target_sources(acp_sandbox PRIVATE ${CMAKE_CURRENT_LIST_DIR}/SeedKyverno.cpp ${CMAKE_CURRENT_LIST_DIR}/SeedConsoleSamples.cpp)
