# Writes boston.csv, the 506-row Boston housing table, from Debian's r-cran-mlbench:
#   apt-get install r-cran-mlbench && Rscript make_data.R
# A header line with scikit-learn's column names, then one line per census tract: the 13
# features and the target MEDV (median home value in $1000s).
load("/usr/lib/R/site-library/mlbench/data/BostonHousing.rda")
d <- BostonHousing
d$chas <- as.numeric(as.character(d$chas))   # stored as a factor "0"/"1"
names(d) <- toupper(names(d))
write.csv(d, "boston.csv", row.names = FALSE, quote = FALSE)
