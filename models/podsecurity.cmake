# Pod Security Standards evaluator (pure logic, Qt Core only).
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PodSecurity.h ${CMAKE_CURRENT_LIST_DIR}/PodSecurity.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PodSecurityChecks.h
  ${CMAKE_CURRENT_LIST_DIR}/PodSecurityBaselineChecks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PodSecurityRestrictedChecks.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PodSecurityRegistry.cpp)
