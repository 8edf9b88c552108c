# cmake -DCHAPTERS=<slugs> -DOUTPUT_DIR=<dir> -DSITE=<index.html> -P PrintWhere.cmake
# The last thing the quick start prints: where the site and each chapter's results are.
message("")
message("The tutorial site:  ${SITE}")
foreach(slug IN LISTS CHAPTERS)
  file(GLOB plots RELATIVE "${OUTPUT_DIR}/${slug}" "${OUTPUT_DIR}/${slug}/*.png")
  list(LENGTH plots n)
  message("${slug}:  ${OUTPUT_DIR}/${slug}/  (${n} plots, summary.json, history.csv, console.txt)")
endforeach()
