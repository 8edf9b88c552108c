# cmake -DOUTPUT_DIR=<dir> -DSTAGE=<dir> -P StageImages.cmake
# Doxygen finds images by file name alone, and every chapter writes a loss.png. So the plots of
# the runs are staged under one flat folder, their path below OUTPUT_DIR joined by underscores:
# output/quadratic_neuron/article_dc/parameters.png -> quadratic_neuron_article_dc_parameters.png
file(REMOVE_RECURSE "${STAGE}")
file(MAKE_DIRECTORY "${STAGE}")
# The networks' DOT files (drawn by Doxygen's \dotfile) are staged the same way.
file(GLOB_RECURSE images RELATIVE "${OUTPUT_DIR}" "${OUTPUT_DIR}/*.png" "${OUTPUT_DIR}/*.dot")
foreach(image IN LISTS images)
  string(REPLACE "/" "_" flat "${image}")
  file(COPY_FILE "${OUTPUT_DIR}/${image}" "${STAGE}/${flat}")
endforeach()
