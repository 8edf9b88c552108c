# cmake -DOUTPUT_DIR=<dir> -DSTAGE=<dir> -P StageImages.cmake
# Doxygen finds images by file name alone, and every chapter writes a loss.png. So the plots of
# the runs are staged under one flat folder, their path below OUTPUT_DIR joined by underscores:
# output/quadratic_neuron/article_dc/parameters.png -> quadratic_neuron_article_dc_parameters.png
# Each plot's gnuplot script comes along under the same flat name (the site offers it for download
# beside the figure), renamed inside too, so that `gnuplot <flat>.gp` draws <flat>.png.
file(REMOVE_RECURSE "${STAGE}")
file(MAKE_DIRECTORY "${STAGE}")
# The networks' DOT files (drawn by Doxygen's \dotfile) are staged the same way.
file(GLOB_RECURSE images RELATIVE "${OUTPUT_DIR}" "${OUTPUT_DIR}/*.png" "${OUTPUT_DIR}/*.dot")
foreach(image IN LISTS images)
  string(REPLACE "/" "_" flat "${image}")
  file(COPY_FILE "${OUTPUT_DIR}/${image}" "${STAGE}/${flat}")
  string(REGEX REPLACE "\\.png$" ".gp" script "${image}")
  if(EXISTS "${OUTPUT_DIR}/${script}")
    get_filename_component(name "${image}" NAME)
    get_filename_component(stem "${image}" NAME_WE)
    get_filename_component(flatStem "${flat}" NAME_WE)
    file(READ "${OUTPUT_DIR}/${script}" text)
    string(REPLACE "gnuplot ${stem}.gp` to draw ${name}" "gnuplot ${flatStem}.gp` to draw ${flat}"
           text "${text}")
    string(REPLACE "png = '${name}'" "png = '${flat}'" text "${text}")
    file(WRITE "${STAGE}/${flatStem}.gp" "${text}")
  endif()
endforeach()
