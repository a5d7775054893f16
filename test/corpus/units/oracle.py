#!/usr/bin/env python3
"""Oracle for test/corpus/units/sheet.hw: every value of the sheet computed with NumPy in SI units
(seconds, bytes, joules, kilograms; counts such as image, step, token, FLOP, GPU and USD as plain
numbers) and converted to the unit the sheet states it in; and, for each step that follows from a
planted mistake, the value the writer's own numbers give. It also checks the sheet's written digits:
correct lines match the truth (within half a unit of the last written digit under ≈), planted mistakes
are wrong beyond rounding, follow-through steps match the writer's values and not the truth.
Keys name the unit of the value, e.g. "p1.t_train[h]".
Run: /usr/bin/python3 oracle.py > oracle.json"""
import os
import sys

import numpy as np

sys.path.insert(0, os.path.join(os.path.dirname(os.path.abspath(__file__)), ".."))
from hwclaims import finish, follows, holds, ok, wrong  # noqa: E402

# --- the sheet ---
# SI factors of the units the sheet uses (mathjs's definitions: decimal and binary byte prefixes, b = bit)
s, minute, h, day = 1.0, 60.0, 3600.0, 86400.0
B, kB, MB, GB, TB, KiB, GiB = 1.0, 1e3, 1e6, 1e9, 1e12, 1024.0, 2.0**30
Mb, Gb = 1e6 / 8, 1e9 / 8
W, kW, J, kWh, kg, ms = 1.0, 1e3, 1.0, 3.6e6, 1.0, 1e-3

# Problem 1: ResNet-50 on ImageNet, time and cost (images, steps, epochs, GPUs, USD are counts)
N_train, batch, t_step = 1.28e6, 256, 0.35 * s
n_epochs, n_gpu, price = 90, 8, 2.48 / h  # USD per GPU-second
steps_per_epoch = N_train / batch
ok('p1.steps_per_epoch[step/epoch]', steps_per_epoch, '5000')
total_steps = n_epochs * steps_per_epoch
ok('p1.total_steps[step]', total_steps, '450000')
t_epoch = steps_per_epoch * t_step
ok('p1.t_epoch[s/epoch]', t_epoch / s, '1750')
ok('p1.t_epoch[min]', t_epoch / minute, '29.17', '≈')
t_train = total_steps * t_step
ok('p1.t_train[s]', t_train / s, '157500')
ok('p1.t_train[h]', t_train / h, '43.75')
ok('p1.t_train[min]', t_train / minute, '2625')
ok('p1.t_train[day]', t_train / day, '1.823', '≈')
ok('p1.full_days', np.floor(t_train / day), '1')
img_rate = batch / t_step
ok('p1.img_rate[image/s]', img_rate, '731.4', '≈')
# an hour of images from the rounded 731.4 image/s as written: right for the writer's digits only
follows('p1.images_per_hour[image]', img_rate * h, 731.4 * 3600, '2633040', '≈')
ok('p1.img_rate_per_gpu[image/s/GPU]', img_rate / n_gpu, '91.43', '≈')
gpu_hours = n_gpu * t_train
ok('p1.gpu_hours[GPU h]', gpu_hours / h, '350')
ok('p1.gpu_hours[GPU day]', gpu_hours / day, '14.58', '≈')
cost = gpu_hours * price
ok('p1.cost[USD]', cost, '868')
ok('p1.cost_per_epoch[USD/epoch]', cost / n_epochs, '9.644', '≈')
t_step_fast, price_fast = 0.21 * s, 3.10 / h
t_fast = total_steps * t_step_fast
ok('p1.t_fast[s]', t_fast / s, '94500')
wrong('p1.t_fast[h]', t_fast / h, '28.25')  # planted: 94500 / 3600 is 26.25
t_fast_w = 28.25 * h
# the writer's t_train was last restated as 1.823 day
follows('p1.speedup', t_train / t_fast, [t_train / t_fast_w, 1.823 * day / t_fast_w], '1.549', '≈')
cost_fast, cost_fast_w = n_gpu * t_fast * price_fast, n_gpu * t_fast_w * price_fast
follows('p1.cost_fast[USD]', cost_fast, cost_fast_w, '700.6')
holds('p1.cost_fast_lt_cost', cost_fast < cost and cost_fast_w < cost)
holds('p1.min_is_t_fast', min(t_train, t_fast) == t_fast)

# Problem 2: a 1.3B-parameter language model (tokens, steps, FLOPs, GPUs are counts)
seq_len, seqs_per_step, t_iter = 2048, 512, 1.9 * s
n_params, n_tokens = 1.3e9, 26e9
tokens_per_step = seq_len * seqs_per_step
ok('p2.tokens_per_step[token/step]', tokens_per_step, '1048576')
throughput = tokens_per_step / t_iter
ok('p2.throughput[token/s]', throughput, '5.519e5', '≈')
ok('p2.n_steps[step]', n_tokens / tokens_per_step, '24796', '≈')
t_run = n_tokens / throughput
ok('p2.t_run[s]', t_run / s, '47112', '≈')
ok('p2.t_run[h]', t_run / h, '13.09', '≈')
flops_per_token = 6 * n_params
ok('p2.flops_per_token[FLOP/token]', flops_per_token, '7.8e9')
C_train = flops_per_token * n_tokens
ok('p2.C_train[FLOP]', C_train, '2.028e20')
ok('p2.D_opt[token]', 20 * n_params, '26e9')
ok('p2.n_tokens_is_D_opt', n_tokens - 20 * n_params, '0')
peak, n_gpu, mfu = 312e12, 64, 0.40
achieved = mfu * peak
wrong('p2.achieved[FLOP/s/GPU]', achieved, '1.248e13')  # planted: 0.4 × 312e12 is 1.248e14
achieved_w = 1.248e13
t_compute, t_compute_w = C_train / (n_gpu * achieved), C_train / (n_gpu * achieved_w)
follows('p2.t_compute[h]', t_compute / h, t_compute_w / h, '70.53', '≈')
follows('p2.gpu_hours[GPU h]', n_gpu * t_compute / h, [n_gpu * 70.53, n_gpu * t_compute_w / h], '4514', '≈')
mfu_measured = throughput * flops_per_token / (n_gpu * peak)
ok('p2.mfu_measured', mfu_measured, '0.2156', '≈')  # written 21.56%
holds('p2.mfu_measured_lt_mfu', mfu_measured < mfu)

# Problem 3: memory for a 7B-parameter model
n_params = 7e9
w_fp16 = n_params * 2 * B
ok('p3.w_fp16[B]', w_fp16 / B, '14e9')
ok('p3.w_fp16[GB]', w_fp16 / GB, '14')
ok('p3.w_fp16[GiB]', w_fp16 / GiB, '13.04', '≈')
w_fp32 = n_params * 4 * B
ok('p3.w_fp32[GB]', w_fp32 / GB, '28')
ok('p3.w_fp32_is_2_w_fp16', w_fp32 - 2 * w_fp16, '0')
ok('p3.load_time[s]', w_fp16 / (2 * GB / s), '7')
adam_bytes = (2 + 2 + 4 + 4 + 4) * B
wrong('p3.adam_bytes[B]', adam_bytes / B, '14')  # planted: 2 + 2 + 4 + 4 + 4 is 16
adam_bytes_w = 14 * B
train_mem, train_mem_w = n_params * adam_bytes, n_params * adam_bytes_w
follows('p3.train_mem[GB]', train_mem / GB, train_mem_w / GB, '98')
ok('p3.gpus_80GB', np.ceil(train_mem / (80 * GB)), '2')
ok('p3.gpus_80GB.writer', np.ceil(train_mem_w / (80 * GB)), '2')  # the same for the writer: no finding
follows('p3.per_gpu[GB]', train_mem / 8 / GB, train_mem_w / 8 / GB, '12.25')
holds('p3.per_gpu_lt_80GB', train_mem / 8 < 80 * GB)
n_layers, d_model, ctx, batch_kv = 32, 4096, 4096, 8
kv = 2 * n_layers * d_model * ctx * batch_kv * 2 * B
wrong('p3.kv[B]', kv / B, '8589934592')  # planted: the factor 2 for K and V lost in the arithmetic
kv_w = 8589934592 * B
follows('p3.kv[GiB]', kv / GiB, kv_w / GiB, '8')
follows('p3.kv_per_token[KiB]', kv / (ctx * batch_kv) / KiB, kv_w / (ctx * batch_kv) / KiB, '256')
follows('p3.kv_fp8[GiB]', kv / 2 / GiB, kv_w / 2 / GiB, '4')
ok('p3.kv_per_token_formula[KiB]', 2 * n_layers * d_model * 2 * B / KiB, '512')
ok('p3.kv_per_sequence[GiB]', 2 * n_layers * d_model * 2 * B * ctx / GiB, '2')

# Problem 4: data-loading bandwidth
n_images, img_size = 1.28e6, 110 * kB
disk, nic, img_rate = 500 * MB / s, 10 * Gb / s, 731.4 / s
dataset = n_images * img_size
ok('p4.dataset[GB]', dataset / GB, '140.8')
t_disk = dataset / disk
ok('p4.t_disk[s]', t_disk / s, '281.6')
wrong('p4.t_disk[min]', t_disk / minute, '4.963', '≈')  # planted: 4.693 min written 4.963
t_net = dataset / nic
wrong('p4.t_net[s]', t_net / s, '14.08')  # planted: gigabits read as gigabytes
t_net_w = 14.08 * s
follows('p4.reads_per_hour', h / t_net, h / t_net_w, '255.7', '≈')
holds('p4.max_is_t_disk', max(t_disk, t_net) == t_disk)
need = img_rate * img_size
ok('p4.need[MB/s]', need / (MB / s), '80.45', '≈')
holds('p4.need_lt_disk', need < disk)
ok('p4.need[Mb/s]', need / (Mb / s), '643.6', '≈')
ok('p4.disk_over_need', disk / need, '6.215', '≈')
ok('p4.disk[Mb/s]', disk / (Mb / s), '4000')
wrong('p4.nic_share', need / nic, '0.6436', '≈')  # planted: 643.6 Mb/s over 10 Gb/s is 0.06436, a factor 10 slipped
follows('p4.nic_share[%]', 100 * need / nic, 100 * 0.6436, '64.36', '≈')  # written 64.36%

# Problem 5: energy and carbon
P_gpu, n_gpu, PUE, t_run = 400 * W, 64, 1.1, 7.053 * h
intensity, tariff = 0.4 * kg / kWh, 0.15 / kWh  # USD per joule
P_it = n_gpu * P_gpu
ok('p5.P_it[W]', P_it / W, '25600')
ok('p5.P_it[kW]', P_it / kW, '25.6')
E_it = P_it * t_run
ok('p5.E_it[kWh]', E_it / kWh, '180.6', '≈')
E_total = PUE * E_it
wrong('p5.E_total[kWh]', E_total / kWh, '164.14', '≈')  # planted: divided by the PUE instead of multiplied
E_total_w = 164.14 * kWh
follows('p5.E_total[J]', E_total / J, [E_total_w / J, E_it / PUE / J], '5.909e8', '≈')
# the writer's E_total: 164.14 kWh, then restated as 5.909e8 J (the last value written is the writer's)
E_total_ws = [E_total_w, 5.909e8 * J, E_it / PUE]
follows('p5.co2[kg]', intensity * E_total / kg, [intensity * e / kg for e in E_total_ws], '65.66', '≈')
follows('p5.bill[USD]', tariff * E_total, [tariff * e for e in E_total_ws], '24.62', '≈')
ok('p5.E_it[J]', E_it / J, '6.500e8', '≈')

# Problem 6: decoding latency
weights, hbm_bw, n_new = 14 * GB, 2 * TB / s, 512
t_token = weights / hbm_bw
wrong('p6.t_token[ms]', t_token / ms, '0.7')  # planted: 14e9 / 2e12 is 7e-3 s, written 0.7 ms
t_token_w = 0.7 * ms
tok_rate, tok_rate_w = 1 / t_token, 1 / t_token_w
follows('p6.tok_rate[token/s]', tok_rate, tok_rate_w, '1429', '≈')
follows('p6.t_gen[s]', n_new / tok_rate, [n_new / tok_rate_w, n_new / 1429], '0.358', '≈')
follows('p6.batched[token/s]', 32 * tok_rate, [32 * 1429, 32 * tok_rate_w], '4.57e4', '≈')
hbm_fast = 3.35 * TB / s
ok('p6.t_token_fast[ms]', weights / hbm_fast / ms, '4.179', '≈')
ok('p6.tok_rate_fast[token/s]', hbm_fast / weights, '239.3', '≈')
holds('p6.fast_lt_slow', weights / hbm_fast < weights / hbm_bw)
prompt, gpu_flops, prefill_mfu = 2048, 312e12 / s, 0.5
prefill = 2 * 7e9 * prompt
ok('p6.prefill[FLOP]', prefill, '2.8672e13')
t_prefill = prefill / (prefill_mfu * gpu_flops)
ok('p6.t_prefill[s]', t_prefill / s, '0.1838', '≈')
holds('p6.t_prefill_lt_1s', t_prefill < 1 * s)

finish()
