# Apply logic of the YAML editor and acpctl apply/diff: ApplyEngine (+Run, +Objects, +Types),
# SecretCodec, DraftStore. Qt Core only.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/ApplyTypes.h
  ${CMAKE_CURRENT_LIST_DIR}/ApplyObjects.h ${CMAKE_CURRENT_LIST_DIR}/ApplyObjects.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ApplyRun.h ${CMAKE_CURRENT_LIST_DIR}/ApplyRun.cpp
  ${CMAKE_CURRENT_LIST_DIR}/ApplyEngine.h ${CMAKE_CURRENT_LIST_DIR}/ApplyEngine.cpp
  ${CMAKE_CURRENT_LIST_DIR}/SecretCodec.h ${CMAKE_CURRENT_LIST_DIR}/SecretCodec.cpp
  ${CMAKE_CURRENT_LIST_DIR}/DraftStore.h ${CMAKE_CURRENT_LIST_DIR}/DraftStore.cpp)
