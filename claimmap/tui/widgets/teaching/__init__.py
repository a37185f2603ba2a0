"""The views of the Method tab: guided ACH, key assumptions, quality of information,
indicators, devil's advocacy and teaching notes. Each shows one part of `claimmap.teaching`,
computed off the UI thread by `data.teaching_data` and handed to every view at once."""
