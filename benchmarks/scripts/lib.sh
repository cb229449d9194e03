# Shared by the benchmark scripts (sourced, not run).

# The 26 examples of the issue's day (commit 5626728); all of them are still shipped.
issue26=(active-client-fw active-client-masquerade-helper active-client-masquerade active-stateful-server-fw
    active-stateless-ephemeral-source active-stateless-server-filter conntrack-storm ftps-ccc-through-helper
    ftps-through-helper long-transfer-trap-keepalive long-transfer-trap-tcp-keepalive long-transfer-trap nft-ruleset
    passive-client-fw-port21-only passive-client-fw passive-server-dnat-helper passive-server-dnat-pasv-address
    passive-server-dnat-range passive-server-dnat passive-stateful-server-fw-helper passive-stateful-server-fw
    passive-stateless-exposes-high-ports passive-stateless-guarded-high-ports passive-stateless-server-filter
    scale-5000-clients sweep-mode-x-loss)

# cpu_by_thread SAMPLES KIND... : the CPU seconds of a process's threads, summed by kind, from
# SAMPLES (each line a line of /proc/PID/task/*/stat, sampled while it ran: each thread's last
# figure counts). A KIND is NAME=REGEX on the thread's name, the first that matches wins; a thread
# none matches counts for the last. Prints the sums in the kinds' order, separated by spaces.
cpu_by_thread() {
    local samples="$1"
    shift
    local IFS=$'\t'
    awk -v tick="$(getconf CLK_TCK)" -v spec="$*" '
        BEGIN { n = split(spec, kinds, "\t") }
        { o = index($0, "("); c = match($0, /\) [A-Za-z] /); if (!o || !c) next
          name = substr($0, o + 1, c - o - 1); split(substr($0, c + 2), f, " ")
          cpu = (f[12] + f[13]) / tick; tid = $1
          if (cpu > max[tid]) { max[tid] = cpu; kind[tid] = name } }
        END { for (t in max) { k = n
                  for (i = 1; i <= n; i++) if (kind[t] ~ substr(kinds[i], index(kinds[i], "=") + 1)) { k = i; break }
                  s[k] += max[t] }
              for (i = 1; i <= n; i++) printf "%.2f%s", s[i], i < n ? " " : "\n" }' "$samples"
}

# sample_threads PID FILE: while process PID runs, appends its java child's threads' /proc stat
# lines to FILE every 0.1 s (what cpu_by_thread reads).
sample_threads() {
    local pid
    while kill -0 "$1" 2>/dev/null; do
        pid="$(pgrep -P "$1" -x java || true)"
        [ -z "$pid" ] || cat /proc/"$pid"/task/*/stat >> "$2" 2>/dev/null || true
        sleep 0.1
    done
}
