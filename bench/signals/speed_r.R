#!/usr/bin/env Rscript
## Speed baseline of R surveillance on the same 1,000 weekly series x 52 evaluated weeks as the C# bench.
## Series: generator of shared/tools/r-peer/02_benchmark_farrington_speed.R (seed 42, 520 weeks, Noufaily-style NB).
## Usage: Rscript bench/signals/speed_r.R <out_dir> [nSeries=1000] [nEval=52] [cores=2]
## Writes: <out_dir>/speed_series.csv (series,t,observed), <out_dir>/speed_R_<config>.csv (series,t,upperbound,alarm),
##         <out_dir>/speed_R_timing.csv (config, seconds, series, weeks, cores)
suppressPackageStartupMessages({library(surveillance); library(parallel)})
a <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(a) >= 1) a[1] else "."
nSeries <- if (length(a) >= 2) as.integer(a[2]) else 1000L
nEval <- if (length(a) >= 3) as.integer(a[3]) else 52L
cores <- if (length(a) >= 4) as.integer(a[4]) else 2L
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
nWeeks <- 520L
set.seed(42)
t <- 1:nWeeks
sim1 <- function() {
  theta <- runif(1, 0, 4); beta <- sample(c(0, 0.0025), 1)
  g <- runif(2, 0, 0.8); m <- sample(0:2, 1); phi <- sample(c(1, 1.5, 2, 3), 1)
  season <- if (m == 0) 0 else rowSums(sapply(1:m, function(j) g[1]*cos(2*pi*j*t/52) + g[2]*sin(2*pi*j*t/52)))
  mu <- exp(theta + beta * t + season)
  if (phi == 1) rpois(nWeeks, mu) else rnbinom(nWeeks, mu = mu, size = mu / (phi - 1))
}
Y <- sapply(seq_len(nSeries), function(i) sim1())
write.csv(data.frame(series = rep(seq_len(nSeries), each = nWeeks), t = rep(t, nSeries), observed = as.vector(Y)),
          file.path(out_dir, "speed_series.csv"), row.names = FALSE)
rng <- (nWeeks - nEval + 1):nWeeks
cons <- list(
  farrington1996 = list(range = rng, b = 5, w = 3, noPeriods = 1, weightsThreshold = 1, pastWeeksNotIncluded = 3,
                        pThresholdTrend = 0.05, thresholdMethod = "delta", alpha = 0.01, glmWarnings = FALSE),
  noufaily2013 = list(range = rng, b = 5, w = 3, noPeriods = 10, weightsThreshold = 2.58, pastWeeksNotIncluded = 26,
                      pThresholdTrend = 1, thresholdMethod = "nbPlugin", alpha = 0.01, glmWarnings = FALSE))
timing <- list()
for (nm in names(cons)) {
  idx <- split(seq_len(nSeries), sort(rep_len(seq_len(cores), nSeries)))
  job <- function(cols) {
    s <- sts(observed = Y[, cols, drop = FALSE], start = c(2014, 1), frequency = 52)
    r <- suppressWarnings(farringtonFlexible(s, control = cons[[nm]]))
    data.frame(series = rep(cols, each = length(rng)), t = rep(rng, length(cols)),
               upperbound = sprintf("%.17g", as.vector(upperbound(r))), alarm = as.integer(as.vector(alarms(r))))
  }
  el <- system.time(res <- do.call(rbind, mclapply(idx, job, mc.cores = cores)))[["elapsed"]]
  res$upperbound[res$upperbound == "NA"] <- ""; res$alarm[is.na(res$alarm)] <- 0L
  write.csv(res, file.path(out_dir, paste0("speed_R_", nm, ".csv")), row.names = FALSE, quote = FALSE)
  timing[[nm]] <- data.frame(config = nm, seconds = el, series = nSeries, weeks = length(rng), cores = cores)
  cat(sprintf("%s: %.1f s wall, %.3f ms per series-week (wall, %d cores)\n", nm, el, 1000 * el / (nSeries * length(rng)), cores))
}
write.csv(do.call(rbind, timing), file.path(out_dir, "speed_R_timing.csv"), row.names = FALSE)
