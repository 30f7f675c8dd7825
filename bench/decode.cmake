# decode: ObjectDecoder throughput on one thread and KubeObject memory.
target_sources(acp-bench PRIVATE ${CMAKE_CURRENT_LIST_DIR}/ScenarioDecode.cpp)
