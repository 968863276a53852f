#!/usr/bin/env Rscript
## Regenerates the golden files of tests/QualityWatch.Signals.Tests/Golden from R surveillance 1.20.3.
## Usage (from the repository root):
##   Rscript tools/signals-golden/generate.R tests/QualityWatch.Signals.Tests/Golden
## Needs: apt-get install -y r-base-core r-cran-surveillance   (Debian bookworm: R 4.2.2, surveillance 1.20.3)
##
## Output:
##   input.csv                  series,freq,t,observed,population   (t = 1-based step index; integer epochs)
##   <method>__<config>.csv     series,t,expected,upperbound,alarm (NA written as empty)
##   configs.csv                config name, method and the control list as key=value pairs (read by the tests)
## Every series is an sts object with integer epochs (start = c(2000, 1), frequency 52 or 12), so
## "one year back" is exactly `frequency` rows back, as in the C# engine.

suppressPackageStartupMessages(library(surveillance))
args <- commandArgs(trailingOnly = TRUE)
out_dir <- if (length(args) >= 1) args[1] else "Golden"
dir.create(out_dir, showWarnings = FALSE, recursive = TRUE)
stopifnot(as.character(packageVersion("surveillance")) == "1.20.3")
fmt <- function(x) ifelse(is.na(x), "", sprintf("%.17g", x))

## ------------------------------------------------------------------ series
series <- list()
add <- function(name, y, freq, pop = NULL) series[[name]] <<- list(y = as.integer(y), freq = freq, pop = pop)

## real package datasets
data(salmNewport); add("salmNewport_Bavaria", observed(salmNewport)[, "Bavaria"], 52)
add("salmNewport_Saarland", observed(salmNewport)[, "Saarland"], 52)          # mostly zeros
data(campyDE);     add("campyDE", campyDE$case, 52)                             # large counts
data(salmAllOnset); add("salmAllOnset", observed(salmAllOnset)[, 1], 52)
data(ha.sts);      add("ha_sum", rowSums(observed(ha.sts)), 52)                 # 290 weeks: short history
data(salmonella.agona); add("salmonella_agona", salmonella.agona$observed, 52)
data(rotaBB);      add("rotaBB_1", observed(rotaBB)[, 1], 12)                     # monthly
add("rotaBB_3", observed(rotaBB)[, 3], 12)

## simulated series
set.seed(20240101)
n <- 520; t <- 1:n
mu <- exp(1.5 + 0.6 * cos(2 * pi * t / 52) + 0.3 * sin(2 * pi * t / 52) + 0.001 * t)
y <- rnbinom(n, mu = mu, size = mu / 0.5); y[480:483] <- y[480:483] + c(4, 7, 5, 2)
add("sim_example", y, 52)                                                       # as tools/r-peer/01
add("sim_trend", rnbinom(n, mu = exp(0.5 + 0.006 * t), size = exp(0.5 + 0.006 * t) / 1), 52)   # steep trend
add("sim_sparse", rpois(n, 0.3), 52)                                            # zeros and ones
yz <- rpois(n, 2); yz[1:330] <- 0L; add("sim_zero_baseline", yz, 52)           # all-zero history, then counts
add("sim_large", rnbinom(n, mu = 5000 * exp(0.3 * sin(2 * pi * t / 52)), size = 200), 52)
yo <- rpois(n, 8); yo[c(100, 152, 204, 256, 300, 356)] <- yo[c(100, 152, 204, 256, 300, 356)] + 40L
add("sim_past_outbreaks", yo, 52)                                               # reweighting matters
pop <- round(1e5 * (1 + 0.002 * t)); add("sim_population", rpois(n, pop * 5e-5 * exp(0.4 * cos(2 * pi * t / 52))), 52, pop)
nm <- 144; tm <- 1:nm
add("sim_monthly", rnbinom(nm, mu = exp(2 + 0.5 * cos(2 * pi * tm / 12)), size = 4), 12)

inp <- do.call(rbind, lapply(names(series), function(s) {
  S <- series[[s]]
  data.frame(series = s, freq = S$freq, t = seq_along(S$y), observed = S$y,
             population = if (is.null(S$pop)) "" else fmt(S$pop))
}))
write.csv(inp, file.path(out_dir, "input.csv"), row.names = FALSE, quote = FALSE)

mk_sts <- function(S) {
  if (is.null(S$pop)) sts(observed = matrix(S$y, ncol = 1), start = c(2000, 1), frequency = S$freq)
  else sts(observed = matrix(S$y, ncol = 1), population = matrix(S$pop, ncol = 1), start = c(2000, 1), frequency = S$freq)
}

configs <- list()
run_config <- function(method, name, fn, firstIndex, ctl_desc, series_filter = function(s, S) TRUE, last = 156) {
  rows <- list()
  for (s in names(series)) {
    S <- series[[s]]
    if (!series_filter(s, S)) next
    n <- length(S$y)
    r0 <- firstIndex(S)
    if (r0 > n) next
    rng <- max(r0, n - last + 1):n
    res <- tryCatch(suppressWarnings(suppressMessages(fn(mk_sts(S), rng, S))), error = function(e) { message(s, " ", name, ": ", conditionMessage(e)); NULL })
    if (is.null(res)) next
    ub <- as.vector(upperbound(res)); al <- as.vector(alarms(res))
    ex <- if (!is.null(res@control$expected)) as.vector(res@control$expected) else rep(NA_real_, length(rng))
    rows[[s]] <- data.frame(series = s, t = rng, expected = fmt(ex), upperbound = fmt(ub),
                            alarm = ifelse(is.na(al), "", as.integer(al)))
  }
  df <- do.call(rbind, rows)
  file <- paste0(method, "__", name, ".csv")
  write.csv(df, file.path(out_dir, file), row.names = FALSE, quote = FALSE)
  configs[[length(configs) + 1]] <<- data.frame(file = file, method = method, config = name, control = ctl_desc)
  cat(sprintf("%-45s %5d rows, %4d alarms\n", file, nrow(df), sum(df$alarm == "1")))
}

## ------------------------------------------------------------------ farringtonFlexible
ff <- function(ctl) function(st, rng, S) farringtonFlexible(st, control = modifyList(ctl, list(range = rng, glmWarnings = FALSE)))
desc <- function(ctl) paste(names(ctl), sapply(ctl, function(v) paste(v, collapse = "/")), sep = "=", collapse = ";")
ffFirst <- function(ctl) function(S) S$freq * ctl$b + ctl$w + 1
con.farrington <- list(b = 5, w = 3, noPeriods = 1, reweight = TRUE, weightsThreshold = 1, pastWeeksNotIncluded = 3,
                       trend = TRUE, pThresholdTrend = 0.05, thresholdMethod = "delta", powertrans = "2/3", alpha = 0.01,
                       limit54 = c(5, 4), populationOffset = FALSE)
con.noufaily <- list(b = 5, w = 3, noPeriods = 10, reweight = TRUE, weightsThreshold = 2.58, pastWeeksNotIncluded = 26,
                     trend = TRUE, pThresholdTrend = 1, thresholdMethod = "nbPlugin", alpha = 0.01, limit54 = c(5, 4),
                     populationOffset = FALSE, powertrans = "2/3")
con.default <- list(b = 5, w = 3, noPeriods = 1, reweight = TRUE, weightsThreshold = 2.58, trend = TRUE,
                    pThresholdTrend = 0.05, thresholdMethod = "delta", powertrans = "2/3", alpha = 0.05, limit54 = c(5, 4),
                    populationOffset = FALSE)
weekly <- function(s, S) S$freq == 52
ffc <- list(
  farrington1996 = con.farrington,
  noufaily = con.noufaily,
  noufaily_muan = modifyList(con.noufaily, list(thresholdMethod = "muan")),
  noufaily_delta = modifyList(con.noufaily, list(thresholdMethod = "delta")),
  packageDefault = con.default,
  powertrans_half = modifyList(con.farrington, list(powertrans = "1/2")),
  powertrans_none = modifyList(con.farrington, list(powertrans = "none", alpha = 0.05)),
  noReweight = modifyList(con.farrington, list(reweight = FALSE)),
  noTrend = modifyList(con.farrington, list(trend = FALSE)),
  b3w2 = modifyList(con.farrington, list(b = 3, w = 2, pastWeeksNotIncluded = 2, pThresholdTrend = 0.2)),
  b2_noufaily = modifyList(con.noufaily, list(b = 2, noPeriods = 4, limit54 = c(3, 2))),
  limit54_0 = modifyList(con.farrington, list(limit54 = c(0, 1), pastWeeksNotIncluded = 0))
)
for (nm in names(ffc)) {
  ctl <- ffc[[nm]]
  flt <- if (nm %in% c("noufaily", "noufaily_muan", "noufaily_delta")) weekly else function(s, S) TRUE
  run_config("farringtonFlexible", nm, ff(ctl), ffFirst(ctl), desc(ctl), flt)
}
ctlm <- modifyList(con.noufaily, list(w = 1, noPeriods = 4, pastWeeksNotIncluded = 6))
run_config("farringtonFlexible", "monthly_noufaily_w1_p4", ff(ctlm), ffFirst(ctlm), desc(ctlm), function(s, S) S$freq == 12)
ctlp <- modifyList(con.farrington, list(populationOffset = TRUE))
run_config("farringtonFlexible", "populationOffset", ff(ctlp), ffFirst(ctlp), desc(ctlp), function(s, S) !is.null(S$pop))
ctlp2 <- modifyList(con.noufaily, list(populationOffset = TRUE, thresholdMethod = "muan"))
run_config("farringtonFlexible", "populationOffset_noufaily_muan", ff(ctlp2), ffFirst(ctlp2), desc(ctlp2), function(s, S) !is.null(S$pop))

## ------------------------------------------------------------------ EARS
ears <- function(ctl) function(st, rng, S) earsC(st, control = modifyList(ctl, list(range = rng)))
earsFirst <- function(ctl) function(S) ctl$baseline + switch(ctl$method, C1 = 1, C2 = 3, C3 = 5)
ec <- list(
  C1 = list(method = "C1", baseline = 7, minSigma = 0),
  C2 = list(method = "C2", baseline = 7, minSigma = 0),
  C3 = list(method = "C3", baseline = 7, minSigma = 0.5),
  C1_alpha01_minSigma05 = list(method = "C1", baseline = 7, minSigma = 0.5, alpha = 0.01),
  C2_baseline10_alpha01 = list(method = "C2", baseline = 10, minSigma = 0, alpha = 0.01),
  C3_alpha01 = list(method = "C3", baseline = 7, minSigma = 1, alpha = 0.01)
)
for (nm in names(ec)) run_config("earsC", nm, ears(ec[[nm]]), earsFirst(ec[[nm]]), desc(ec[[nm]]), last = 400)

## ------------------------------------------------------------------ CUSUM (training = 1:(range[1]-1))
cs <- function(ctl) function(st, rng, S) cusum(st, control = modifyList(ctl, list(range = rng)))
csFirst <- function(S) 2 * S$freq + 1
cc <- list(
  standard = list(k = 1.04, h = 2.26, trans = "standard"),
  rossi_glm = list(k = 1.04, h = 2.26, m = "glm", trans = "rossi"),
  anscombe_glm = list(k = 1.04, h = 2.26, m = "glm", trans = "anscombe"),
  pearsonNegBin = list(k = 0.5, h = 4, trans = "pearsonNegBin", alpha = 0.2),
  anscombe2nd = list(k = 1, h = 3, trans = "anscombe2nd")
)
for (nm in names(cc)) run_config("cusum", nm, cs(cc[[nm]]), csFirst, desc(cc[[nm]]), last = 104)

## ------------------------------------------------------------------ GLR (mu0 = NB/Poisson GLM on 1:(range[1]-1))
gl <- function(ctl) function(st, rng, S) glrnb(st, control = modifyList(ctl, list(range = rng)))
glc <- list(
  nb_alpha02_S1_trend = list(c.ARL = 5, mu0 = list(S = 1, trend = TRUE, refit = FALSE), alpha = 0.2, ret = "value"),
  pois_window52 = list(c.ARL = 5, mu0 = list(S = 1, trend = FALSE, refit = FALSE), alpha = 0, M = 52, ret = "value"),
  nb_estimated_S2 = list(c.ARL = 4, mu0 = list(S = 2, trend = FALSE, refit = FALSE), alpha = NULL, ret = "value")
)
for (nm in names(glc)) {
  ctl <- glc[[nm]]
  d <- desc(ctl[names(ctl) != "mu0"]); d <- paste0(d, ";S=", ctl$mu0$S, ";trendMu0=", ctl$mu0$trend, if (is.null(ctl$alpha)) ";alpha=NULL" else "")
  run_config("glrnb", nm, gl(ctl), csFirst, d, function(s, S) S$freq == 52, last = 104)
}

write.csv(do.call(rbind, configs), file.path(out_dir, "configs.csv"), row.names = FALSE)
cat("done\n")
