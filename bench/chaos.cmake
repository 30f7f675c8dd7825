target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/BenchSupport.h ${CMAKE_CURRENT_LIST_DIR}/ChaosRun.h ${CMAKE_CURRENT_LIST_DIR}/ChaosRun.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ScenarioChaos.cpp)
