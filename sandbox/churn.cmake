# acp-sandbox: steady pod churn for benchmarks (--churn N, PUT /sandbox/v1/churn).
target_sources(acp_sandbox PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ChurnGenerator.h ${CMAKE_CURRENT_LIST_DIR}/ChurnGenerator.cpp)
