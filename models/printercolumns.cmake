# Printer columns: kube-apiserver's table columns and cells per kind (kubectl get), CRD
# additionalPrinterColumns with a JSONPath evaluator, and meta.k8s.io/v1 Table building.
target_sources(acp_models PRIVATE
  ${CMAKE_CURRENT_LIST_DIR}/PrinterColumns.h ${CMAKE_CURRENT_LIST_DIR}/PrinterColumns.cpp
  ${CMAKE_CURRENT_LIST_DIR}/PrinterFormat.h ${CMAKE_CURRENT_LIST_DIR}/PrinterFormat.cpp
  ${CMAKE_CURRENT_LIST_DIR}/JsonPath.h ${CMAKE_CURRENT_LIST_DIR}/JsonPath.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KindPrinter.h
  ${CMAKE_CURRENT_LIST_DIR}/KindPrintersCore.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KindPrintersPod.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KindPrintersApps.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KindPrintersAutoscaling.cpp
  ${CMAKE_CURRENT_LIST_DIR}/KindPrintersCluster.cpp)
