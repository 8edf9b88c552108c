# Writes breast-cancer-wisconsin.data, the original UCI layout, from Debian's r-cran-mlbench:
#   apt-get install r-cran-mlbench && Rscript make_data.R
# One line per sample: id, the nine features (1..10), the class (2 benign, 4 malignant); the 16
# missing Bare Nuclei values are written as "?", as in the UCI file.
load("/usr/lib/R/site-library/mlbench/data/BreastCancer.rda")
d <- BreastCancer
features <- 2:10
out <- data.frame(Id = d$Id)
for (j in features) {
  v <- as.character(d[[j]])          # factor labels are the original values "1".."10"
  v[is.na(v)] <- "?"
  out[[names(d)[j]]] <- v
}
out$Class <- ifelse(d$Class == "malignant", 4, 2)
write.table(out, "breast-cancer-wisconsin.data", sep = ",", quote = FALSE,
            row.names = FALSE, col.names = FALSE)
