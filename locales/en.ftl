# English: the app's words (src/i18n.rs). Every message here has the same id and the same
# arguments in every other catalogue (a native test checks). Inline math is written $…$ and
# is shared by every language; a brace inside math is written {"{"} and {"}"}, as Fluent
# reads a bare brace as the start of an argument.

language-name = English
page-title = The policy gradient, step by step
page-description = The derivation of the policy gradient (REINFORCE), one step at a time, with exact values beside live simulation.
language-switch = Language

## The page around the steps

site-lede = The derivation of REINFORCE, one step at a time. Each step is confirmed on a small Markov decision process: the exact value beside a Monte Carlo estimate that converges while you watch.
site-footer = Exact values by dynamic programming in the pg-core crate, compiled to WebAssembly. Keys: ← and → move between steps.
open-full = Open the full explorer
opens-new-tab = (opens in a new tab)
settings-label = Settings
reset-all = Reset all
reset-all-title = Back to the defaults of the MDP in use (its γ and θ), and the default episodes and seed
panel-title = On the { $mdp } MDP
more-checks = More checks
print-url = This view, live:

## Moving between steps

part-seed = The derivation
part-beyond = Beyond the derivation
step-of = Step { $number } of { $count }
toc-label = Steps
toc-entry = Step { $number }: { $title }
nav-previous = Previous
nav-next = Next
nav-previous-title = Previous: { $title }
nav-next-title = Next: { $title }

## A step's card

step-card-math = Mathematics
step-card-changed = What changed
step-card-changed-hint = (boxed and labelled in the equations)
step-card-in-code = In code
step-card-in-code-hint = (NumPy, one sampled episode)
step-card-tip = Tip { $label }
step-card-panel = Confirmation on the MDP
step-card-confirms = The simulation of this step confirms:

## Sharing and embedding

share-title = Share or embed this view
share-link = Link
share-copy-link = Copy link
share-what-link = link
share-what-embed = embed code
share-copied = Copied the { $what }.
share-selected = This page may not use the clipboard here, so the { $what } is selected: press Ctrl+C (⌘C on a Mac) to copy it.
share-long-link = This link is { $length } characters long: some platforms and mail programs cut links longer than { $limit }. “Download this view for offline use” below makes one file that carries it whole.
share-long-link-standalone = This link is { $length } characters long: some platforms and mail programs cut links longer than { $limit }. Share the MDP file instead (Edit, load or download the MDP → Download).
share-embed-legend = Embed in a course page
share-embed-first = First step
share-embed-last = Last step
share-embed-controls = The reader may change
share-embed-code = Embed
share-copy-embed = Copy embed code
share-embed-note = Paste both lines into the page's HTML. The script makes the frame as tall as what it shows; without it (some platforms strip scripts) the frame is { $height } px tall and scrolls. The README has notes for Canvas, Moodle, WordPress and others.
share-embed-preview = Preview the embed at 640 px
share-embed-preview-title = Preview of the embed
share-offline = Download this view for offline use
share-offline-note = One HTML file with everything in it: it opens from a USB stick or a shared drive, with no server and no network.
share-offline-downloading = The offline copy of this view is downloading: one HTML file that opens without a network.
share-offline-failed = Could not make the offline copy: { $problem }
embed-title-one = Policy gradient, step { $number }: { $title } — { $mdp }
embed-title-range = Policy gradient, steps { $first }–{ $last }: { $first-title } to { $last-title } — { $mdp }
controls-all = the MDP and γ
controls-gamma = γ only
controls-none = nothing: a fixed view

## Settings

control-mdp = MDP
control-mdp-custom = Custom: { $name }
control-gamma = Discount
control-theta = Policy parameters θ
control-theta-count = Policy parameters θ ({ $count })
control-theta-hint = Enter a number from −100 to 100.
control-count-hint = Enter a whole number from { $min } to { $max }.
control-episodes = Episodes
control-seed = Seed
theme = Theme
theme-auto = Auto
theme-light = Light
theme-dark = Dark

## The steps: the words of each step (src/steps/), by its slug. The title, what changed,
## why the step holds (with inline math), what its simulation confirms, and the seed's tip.

step-objective =
    .title = The objective: expected return
    .changed = the objective
    .justification = An episode $\tau$ is one run of the process: a start state, an action, a reward, the next state, and so on until a terminal state or the horizon. Its return $G_t$ adds the rewards from time $t$ on, each discounted by $\gamma$ once per step of delay (rewards after the end count as zero, and $\gamma^0 = 1$ even when $\gamma = 0$). The objective $J_\theta$ averages the return from the start over all episodes, weighted by their probability $P_\theta(\tau)$. For a finite MDP the integral is a finite sum.
    .confirms = The mean of G₀ over sampled episodes converges to the exact J; J as a function of γ.

step-gradient-under-integral =
    .title = Differentiate under the integral
    .changed = ∇ moves onto Pθ(τ)
    .justification = The gradient is linear, so it passes under the integral (for a finite MDP, under a finite sum). The return $G_0$ of a fixed episode is a number computed from that episode's rewards: it does not depend on $\theta$. Only how likely the episode is does.
    .confirms = Σ_τ G₀(τ) ∇P_θ(τ) over every episode, episode by episode, equals the finite-difference gradient of J; J along the gradient direction.

step-log-derivative-trick =
    .title = The log-derivative trick
    .changed = ∇P = P ∇ln P
    .justification = With $P_\theta(\tau)$ back in the integrand, the gradient is an expectation over episodes again: sample episodes, average $G_0 \nabla_\theta \ln P_\theta(\tau)$, and the average converges to $\nabla_\theta J_\theta$. A useful consequence: $\mathbb E[\nabla_\theta \ln P_\theta(\tau)] = \nabla_\theta \int_\tau P_\theta(\tau)\,d\tau = \nabla_\theta 1 = 0$.
    .confirms = Per episode, ∇P(τ) = P(τ)∇ln P(τ) (finite differences against the formula, on the diagonal); E[∇ln P(τ)] = 0; the estimator G₀∇ln P(τ) converges to ∇J.
    .tip = We want the integral in the form $\int_x f(x)\, P(x)\, dx$, an expectation we can estimate by sampling. Since $\nabla \ln P = \nabla P / P$, multiply through by $P$: $\nabla P = P\, \nabla \ln P$.

step-markov-factorisation =
    .title = Factor the episode probability
    .changed = history drops out of each factor
    .justification = Applied step after step, the chain rule splits $P_\theta(\tau)$ into one factor per event, each conditioned on everything before it. The Markov property removes that history: the next action depends only on the current state, $P_\theta(a_t \mid s_0, a_0, \ldots, s_t) = \pi_\theta(a_t \mid s_t)$, and the next state only on the current state and action. The start distribution $P(s_0)$ and the dynamics $P(s_{"{"}t+1{"}"} \mid s_t, a_t)$ belong to the environment: they do not involve $\theta$.
    .confirms = Empirical episode frequencies against the product formula, with the total-variation distance shrinking like 1/√N; action frequencies given sₜ do not depend on the earlier history.
    .tip = The chain rule of probability (the original post calls it Bayes' rule): $P(A, B) = P(A)\, P(B \mid A)$. Repeated, it gives $P(A, B, C) = P(A)\, P(B \mid A)\, P(C \mid A, B)$, and so on for any number of events.

step-dynamics-drop-out =
    .title = The dynamics drop out
    .changed = only the policy's score remains
    .justification = The logarithm turns the product into a sum. The start and transition terms do not depend on $\theta$, so their gradients are zero and only the score of the policy, $\nabla_\theta \ln \pi_\theta(a_t \mid s_t)$, remains. The estimator needs no model of the environment: the agent has to know only its own policy. (The original post writes $\nabla_\theta \ln P_\theta(a_1, s_1)$ in the middle of this sum; it means $\nabla_\theta \ln \pi_\theta(a_1 \mid s_1)$.)
    .confirms = For sampled episodes, the finite-difference gradient of the full ln P(τ), dynamics included, equals the sum of policy scores: the dynamics contribute exactly zero.

step-expand-the-product =
    .title = Expand the product
    .changed = one cross term per pair (k, t)
    .justification = Write $G_0$ out and multiply the two sums: every reward $R_k$ meets every score $\nabla_\theta \ln \pi_\theta(a_t \mid s_t)$. The gradient is the sum of all the cells of the matrix $C[k, t]$, reward time against action time.
    .confirms = The matrix of cross terms C[k, t], exact and estimated, as a heatmap.

step-causality =
    .title = Causality: the past does not care
    .changed = rewards before t dropped
    .justification = Let $h_t = (s_0, a_0, \ldots, a_{"{"}t-1{"}"}, s_t)$ be the history up to the moment $a_t$ is drawn. A reward received before time $t$ is a function of that history: $R_k = R(s_k, a_k)$ with $k < t$. Given $h_t$, the action $a_t$ is drawn from $\pi_\theta(\cdot \mid s_t)$, so its score has mean zero; taking $R_k$ out of the inner expectation, every cell below the diagonal of $C$ vanishes. (Conditioning on the states alone would not do: $R_k$ depends on the actions too.) Dropping those terms keeps the mean and removes noise: the reward-to-go estimator has the same expectation as the full-return one and usually a smaller variance.
    .confirms = The lower triangle of C is zero within its confidence band; the full-return and reward-to-go estimators have the same mean, and the reward-to-go variance is smaller.
    .tip = An action cannot change rewards that came before it. The original post says this intuitively; the first line makes it exact: given the history, the expected score is the gradient of $\sum_a \pi_\theta(a \mid s_t) = 1$, which is zero.

step-reward-to-go =
    .title = Reward-to-go: the original post's result
    .changed = the tail sum is γᵗ Gₜ
    .justification = Factor $\gamma^t$ out of the tail sum and what is left is the return from time $t$. This is REINFORCE with the reward-to-go: each action's score is weighted by the discounted return that followed it, and by $\gamma^t$ for how late it came.
    .confirms = The reward-to-go estimator converges to the exact ∇J.

step-dropping-gamma-t =
    .title = What if γᵗ is dropped?
    .changed = the weight γᵗ removed
    .justification = The original post's question (Q1) states the gradient with $\approx$ and without $\gamma^t$, and its solution ends with $\gamma^t G_t$: both appear because the form without $\gamma^t$ is what most code computes, but it is a different direction. It weights a decision at time $t$ as much as one at the start, although $J$ discounts it by $\gamma^t$. It equals $\nabla_\theta J_\theta$ when $\gamma = 1$ or when every episode is one step long; otherwise it is biased, and it is not the gradient of any function (Thomas 2014; Nota and Thomas 2020, “Is the policy gradient a gradient?”).
    .confirms = Both directions, exact and estimated, as γ moves, and the angle between them; on discount-trap the direction without γᵗ points against ∇J.

step-baseline =
    .title = Subtract a baseline
    .changed = Gₜ − b(sₜ)
    .justification = Any function of the history up to $s_t$ that does not depend on the action $a_t$ — the state, and the time too — can be subtracted from $G_t$ without changing the mean, by the argument of the causality step. With $b$ the state value $V_{"{"}H-t{"}"}(s_t)$ (the expected return from $s_t$ with $H - t$ steps left), the weight says whether the action did better or worse than usual, which often lowers the variance. Not always: the state value is not the variance-minimising baseline, and on some MDPs the variance goes up.
    .confirms = The same mean with and without the baseline; the variance with b = the exact state value beside the variance without.

step-training =
    .title = Does it learn?
    .changed = a step along the estimate
    .justification = Stochastic gradient ascent on $J$: sample a batch of episodes under the current policy, estimate the gradient, and take a step of size $\alpha$. With an unbiased estimator $J$ climbs. With the estimator that drops $\gamma^t$, on the discount-trap MDP, it walks steadily towards the worst policy.
    .confirms = Learning curves of the exact J(θₖ) when ascending with each estimator.


## Exact values, estimates and sampling

readout-exact = Exact
readout-route-dp = dynamic programming
readout-unavailable = not available: { $problem }
readout-norm = norm { $value }
readout-components = { $count } components
estimator-trajectory = full return
estimator-reward-to-go = reward-to-go
estimator-no-discount-weight = without γᵗ
estimator-baseline = with baseline
estimates-quantity = Quantity
estimates-exact = Exact
estimates-monte-carlo = Monte Carlo
estimates-off-by = Off by
estimates-note = Exact (dynamic programming) beside Monte Carlo at the current γ; ± is a 95% band; σ counts standard errors from the exact value.
estimates-note-component = Exact (dynamic programming) beside Monte Carlo at the current γ; vectors show their component { $component }. ± is a 95% band; σ counts standard errors from the exact value.
sampling-again = Sample again
sampling-resume = Resume
sampling-pause = Pause
sampling-on-page = Sampled on this page (no background worker here).
sampling-in-workers = { $count ->
    [one] Sampled in a background worker.
   *[other] Sampled in { $count } background workers.
}
sampling-progress = Episodes sampled
sampling-status = { $done } of { $target } { $count ->
    [one] episode
   *[other] episodes
}, seed { $seed }
sampling-finished = Sampling finished: { $done } { $count ->
    [one] episode
   *[other] episodes
}.
notice-title = Some settings could not be used:
notice-dismiss = Dismiss
chart-discount-axis = discount γ
chart-sample-variance = sample variance

## Step panels

causality-variance-what = the sample variance of reward-to-go against the full return
causality-variance-caption = Variance (trace of the covariance) of the two estimators against γ, from the same sampled episodes: dropping the k < t terms keeps the mean and removes noise.
baseline-with = with b = V
baseline-without = without baseline
baseline-variance-what = the sample variance with the state-value baseline against without

## Charts: axes and marks

chart-episodes-log-axis = episodes (log scale)
chart-weights-rest = rest
chart-cross-terms-k-axis = k, time of the reward
chart-cross-terms-t-axis = t, time of the action
chart-fraction-axis = fraction of episodes
chart-exact-j-axis = exact J
chart-time-axis = time k
chart-reward-axis = reward
diagram-end = end
diagram-end-reward = end { $reward }
format-both-zero = both 0
format-angle-undefined = not defined (one of them is zero)

## When something fails

crash-title = Something went wrong — reload this view.
crash-explanation = The page hit an internal error and stopped updating; what it shows may be out of date. Reloading keeps every setting, which live in the address.
crash-reload = Reload this view
crash-details = What went wrong (for a bug report)
offline-not-fetched = { $url } could not be fetched
offline-no-response = the browser gave no response
offline-status = { $url } answered { $status }
offline-unreadable = { $url } could not be read
offline-no-room = the browser could not hold the file
offline-refused = the browser refused the download
offline-no-head = the offline file has no <head>

## Notices about the address: what could not be used, and what is used instead

notice-value = { $key }: '{ $value }' { $problem }; using { $fallback }.
notice-not-base64 = is not base64url ({ $problem })
notice-not-utf8 = does not decode to UTF-8 text
notice-too-large = inflates to more than the { $limit }-byte file limit
notice-not-deflate = is not a compressed MDP file (deflate)
notice-not-step = is not a step
notice-not-range = is not a range first..last of step names in order
notice-all-steps = all steps
notice-not-preset = is not a built-in MDP
notice-built-in-mdp = the built-in MDP
notice-not-gamma = is not a number between 0 and 1
notice-mdp-default = the MDP's default
notice-not-theta = is not a list of numbers between −100 and 100
notice-not-episodes = is not a whole number from 1 to { $max }
notice-not-workers = is not a whole number from 0 (sample on the page) to { $max }
notice-default-workers = one worker, or two on four cores or more
notice-not-lang = is not a language of the app ({ $langs })
notice-browser-lang = the browser's language
notice-not-seed = is not a whole number from 0 to 2⁶⁴−1
notice-not-embed = is not 1 or 0
notice-not-theme = is not light, dark or auto
notice-not-controls = is not all, gamma or none
notice-unknown-key = '{ $key }' is not a setting this page knows; it was ignored.
notice-repeated-key = { $key }: given { $count } times; the last valid value is used.
notice-mdp-and-spec = mdp and spec: both given; the last valid one is used.
notice-custom-mdp-unusable = spec: the custom MDP could not be used: { $problem }. Showing the built-in “{ $preset }” MDP instead.
notice-theta-unfit = { $problem }; using the MDP's default θ.
notice-model-unusable = { $problem }; using the built-in MDP.

## ---- Step panels (src/steps/)
## The objective (step 1): the episode replay and J against the probability

replay-none = No episode to replay.
replay-status-start = Episode { $number } of the { $offered } sampled (seed { $seed }), t = { $now } of { $total }: it starts in { $state }. Nothing earned yet: the return so far is 0.
replay-stayed = stayed in { $state }
replay-moved = moved to { $state }
replay-status-step = Episode { $number } of the { $offered } sampled (seed { $seed }), t = { $now } of { $total }: in { $from } it took { $action } and { $moved }, reward R{ $k-sub } = { $reward }, which counts as γ{ $k-sup }R{ $k-sub } = { $discounted } in the return. The return so far, Σ γᵏRₖ over k < { $now }, is { $so-far }.
replay-end-terminal = { $state } is a terminal state
replay-end-horizon = it reached the horizon, H = { $horizon }
replay-end-mean = J = { $j } is the mean of G₀ over every episode, weighted by its probability: the chart above averages samples like this one.
replay-end = The episode ends ({ $why }): its return is G₀ = { $return }.
replay-pause = Pause
replay-replay = Replay
replay-play = Play
replay-caption = One sampled episode on the MDP. The orange ring (a disc, on a grid) marks the state it is in, and the orange arc the move it just made. Its return G₀ is one sample of J.
replay-next-step = Next step
replay-another = Another episode
objective-probability-exact = exact J against π({ $action })
objective-probability-best = best: π({ $action }) = { $best }, J = { $j }
objective-probability-summary = The policy is the same in every state, so one number describes it: π({ $action }). At γ = { $gamma }, J is largest at π({ $action }) = { $best } (J = { $j }); the current θ gives π({ $action }) = { $current }.
objective-probability-axis = π({ $action }) in every state
objective-probability-y = exact J
objective-probability-caption = Exact J (dynamic programming) for every probability of the action, the same in every state; the long-dashed line marks the best, the short-dashed one the current θ.
objective-probability-textbook = Sutton and Barto, Example 13.1: at γ = 1 the best is 2 − √2 ≈ 0.586.

## The gradient under the integral (step 2): ∇J episode by episode

gradient-weights-likeliest = The most likely, { $episode }, has P = { $p } and G₀ = { $g0 }.
gradient-weights-summary = Above: P(τ) of the { $shown } most likely episodes, with arrows for how each moves as { $name } grows. Below: each one's G₀ ∂P/∂{ $name }, the other { $rest } episodes together, and their sum { $total } beside the finite-difference slope of J, { $slope }.
gradient-weights-legend = ∂J/∂{ $name } by finite differences
gradient-weights-caption = Only P(τ) depends on θ. Bars: P(τ) of the likeliest episodes; arrows: where P(τ) goes when { $name } grows by { $factor } (to first order). Below: each episode's fixed return G₀ times ∂P/∂{ $name }; their sum (Σ) meets the slope of J found by nudging { $name } (dashed).

## Reward-to-go (step 8): one episode along time

reward-to-go-empty = This episode ends before its first step.
reward-to-go-summary-cut = Episode { $number } of the run (its first { $shown } of { $total } steps): rewards { $rewards }. At γ = { $gamma }, the reward-to-go from t = { $t } adds the shaded rewards, each weighted by γᵏ: their sum over k ≥ { $t } is { $tail }, which is γ{ $t-sup }·G{ $t-sub }; from t = 0 it is the whole return G₀ = { $return }.
reward-to-go-summary = Episode { $number } of the run: rewards { $rewards }. At γ = { $gamma }, the reward-to-go from t = { $t } adds the shaded rewards, each weighted by γᵏ: their sum over k ≥ { $t } is { $tail }, which is γ{ $t-sup }·G{ $t-sub }; from t = 0 it is the whole return G₀ = { $return }.
reward-to-go-legend-tail = reward-to-go from each t: the sum over k ≥ t of γᵏRₖ, which is γᵗGₜ
reward-to-go-legend-reward = reward Rₖ (outline) and its discounted part γᵏRₖ (filled)
reward-to-go-caption = One episode of the run along time. The grey ramp on top is γᵏ, fading with delay; the shaded part holds the rewards the reward-to-go adds from the middle of the episode on.
reward-to-go-another = Another episode

## Dropping γᵗ (step 9): the two directions, and the angle between them

directions-zero = Both directions are zero here: there is nothing to compare.
directions-verdict-zero = one of them is zero
directions-verdict-downhill = they are { $angle } apart: ascending the form without γᵗ lowers J
directions-verdict-same = they point the same way
directions-verdict-apart = they are { $angle } apart
directions-summary = At γ = { $gamma }: ∇J has length { $grad }, the direction without γᵗ length { $other }; { $verdict }.
directions-x = along ∇J (arrows of unit length)
directions-y = across ∇J
directions-legend-grad = ∇J (the mean of reward-to-go)
directions-legend-without = the mean without γᵗ
directions-caption = The two exact directions as arrows of unit length (tips ringed) in the plane they span, on one scale for both axes so the angle between them is true; the dots are the Monte Carlo means on the same scale (with one parameter, with their 95% bands).
angle-curve = angle between ∇J and the direction without γᵗ
angle-verdict-zero = with a zero vector there is no direction to compare
angle-verdict-same = the two point the same way
angle-verdict-against = it points against ∇J: ascending it lowers J
angle-verdict-climbs = it still climbs J, but not along the gradient
angle-summary = At γ = { $gamma }, the angle between ∇J and the direction without γᵗ is { $angle }; { $verdict }.
angle-axis = angle (degrees)
angle-caption = Exact angle between ∇J and the mean of the estimator without γᵗ, against γ (dynamic programming). Above the grey line at 90° it points downhill; at γ = 1 the two agree.

## The baseline (step 10): the spread with and without it

baseline-counterexample = Not always narrower: on the bandit with θ = (3, 0, 0) the policy already prefers the best arm, and subtracting the state value raises the variance, summed over the components (the trace of the covariance): exactly 0.0494 against 0.0389.
baseline-counterexample-link = See it here.
baseline-variance-caption = Variance (trace of the covariance) with and without the baseline against γ, from all the sampled episodes.
baseline-spread-axis = one episode's estimate, along ∇J
baseline-spread-summary = Over the first { $episodes } episodes, each episode's estimate measured along ∇J: with the baseline, mean { $mean-with } and standard deviation { $sd-with }; without, mean { $mean-without } and standard deviation { $sd-without } (variance ratio { $ratio }). The exact mean of both is |∇J|⁠ = { $exact }.
baseline-legend-with = with b = V(sₜ)
baseline-legend-without = without baseline
baseline-legend-exact = exact |∇J| (the mean of both)
baseline-spread-caption = How the estimate of one episode is spread along ∇J (its length in the gradient's direction), with and without the baseline, over the run's first { $episodes } episodes at the current γ; the ink line is the exact mean they share, |∇J|.

## Training (step 11): learning curves

training-summary-part = { $estimator }: J = { $j } after { $updates } updates
training-axis-update = update k
training-axis-j = exact J(θₖ)
training-caption = Gradient ascent from the current θ with step size α = { $alpha } and { $batch } fresh episodes per update: the exact J after each update (dynamic programming). No update moves θ by more than { $max-move } (the step is clipped): where J is steep, as on the short corridor, one noisy estimate would otherwise throw θ into a policy that never reaches the goal.
training-biased = A biased direction is not a slow one: where the direction without γᵗ still climbs J (step 9: less than 90° from ∇J) it can even end higher on a given MDP. Where it points downhill, ascending it lowers J:
training-biased-link = see discount-trap
training-biased-after = {"."}

## ---- Shared panels, charts and the MDP editors (src/components/)
## Charts (chart_canvas.rs)

chart-computing = computing…
chart-download-png = Download PNG
chart-download-csv = Download CSV

## Convergence chart (step_panel.rs)

convergence-mean-g0 = mean of G₀
convergence-axis-objective = J, mean of G₀
convergence-summary = { $series }: estimate { $mean } ± { $band } after { $count } episodes
convergence-summary-exact = { $series }: estimate { $mean } ± { $band } after { $count } episodes; exact { $exact }
convergence-legend-exact = exact (dynamic programming)
convergence-caption = Running Monte Carlo mean against the number of episodes, with its 95% band; the dashed line is the exact value.

## Cross terms (step_panel.rs)

cross-terms-single-cell = Every episode has one step: C has a single cell, C[0, 0] for component { $component }, and no reward comes before an action. Choose an MDP with longer episodes to see the cross terms.
cross-terms-episodes = { $count ->
    [one] { $shown } episode
   *[other] { $shown } episodes
}
cross-terms-one-episode = Cross terms C[k, t] for component { $component } after { $episodes }: one episode gives no standard error, so no cell can be tested against zero yet. Move “Estimate from” to the right: as episodes add up, the cells below the diagonal settle around zero.
cross-terms-lower-all-zero = Cross terms C[k, t] for component { $component } after { $episodes }. Below the diagonal every sampled cell is exactly zero: no reward comes before the last action of an episode here, so there is nothing for causality to remove. An MDP with rewards along the way, such as the slippery chain, shows the noise it removes.
cross-terms-lower-within = Cross terms C[k, t] for component { $component } after { $episodes }. Below the diagonal (k < t: a reward before the action) the exact value is zero, and { $within } of the { $total } estimated cells that vary lie within two standard errors of zero. About 95% are expected to by chance, and the count moves in jumps: the cells of one row share their episodes' scores, so they fall in or out of the band together.
cross-terms-sum-drawn = Cross terms C[k, t] for component { $component } after { $episodes }. All cells, up to the horizon { $horizon }, add up to ∂J/∂{ $component } = { $gradient }; the { $len } × { $len } drawn (times below { $len }) add up to exactly { $exact } (estimated { $estimated }), and later times hold the rest.
cross-terms-sum-all = Cross terms C[k, t] for component { $component } after { $episodes }. All cells add up to ∂J/∂{ $component } = { $gradient }: exactly { $exact }, estimated { $estimated }.
cross-terms-title-estimate = Monte Carlo
cross-terms-title-exact = exact
cross-terms-scrub-first = the first { $shown } of { $sampled } episodes
cross-terms-scrub-all = all { $sampled } episodes
cross-terms-estimate-from = Estimate from
cross-terms-caption-exact = Exact C[k, t] (dynamic programming).
cross-terms-caption-rings = Estimated; below the diagonal, a ring marks a cell within two standard errors of zero. Drag “Estimate from” back to fewer episodes: the noise below the diagonal is what averages away.
cross-terms-caption-estimate = Estimated from the sampled episodes, on the same colour scale (blue positive, red negative).

## Variance comparisons (step_panel.rs)

variance-ratio-summary = At γ = { $gamma }, { $what }: { $first } against { $second } (ratio { $ratio }), from { $count } episodes.

## Identities, routes to ∇J and episode frequencies (identity_panels.rs)

identity-route-finite-differences = finite differences of J
identity-route-finite-differences-one = finite differences of J, { $component } only (all { $count } components would take { $solves } exact solves)
identity-route-enumeration = Σ over all { $episodes } episodes of G₀ ∇P(τ)
identity-route-too-many = too many episodes to list
identity-routes-note = Component { $component }; the last column is the largest difference from dynamic programming over all components.
identity-routes-route = Route
identity-routes-max-gap = max gap
identity-along-tangent = tangent with slope |∇J|
identity-along-summary = J along the gradient direction from s = −{ $reach } to { $reach }; at s = 0 it equals { $j } and touches the tangent of slope |∇J|⁠ = { $slope }.
identity-along-x-axis = s, distance along ∇J/|∇J|
identity-along-y-axis = exact J
identity-along-caption = The exact J along the unit gradient direction: the gradient is the slope of the tangent at the current θ.
identity-dynamics-x-axis = ∇ln P(τ), dynamics included (finite differences)
identity-probability-x-axis = ∇P(τ) (finite differences)
identity-summary = { $count } sampled episodes, component { $component }: the largest difference between the two sides over every episode and component is { $gap } (values up to { $largest }).
identity-summary-dynamics = { $count } sampled episodes, component { $component }: the largest difference between the two sides over every episode and component is { $gap } (values up to { $largest }). The start and transition probabilities contribute nothing: only the policy's scores remain.
identity-caption = One point per sampled episode: finite differences (across) against the formula (up). They sit on the diagonal.
identity-mean-score-zero = Summed over all { $episodes } episodes, E[∇ln P(τ)] = Σ P(τ)∇ln P(τ) is exactly zero in every component.
identity-mean-score-rounding = Summed over all { $episodes } episodes, E[∇ln P(τ)] = Σ P(τ)∇ln P(τ) has no component larger than { $largest }: zero, up to rounding.
identity-tv-curve = total-variation distance
identity-tv-slope = slope of 1/√N
identity-frequencies-summary = After { $sampled } episodes the total-variation distance between sampled frequencies and the product formula over all { $listed } episodes is { $distance }. It shrinks toward zero: slowly while most episodes are still unseen, then like 1/√N once N is large against the number of episodes.
identity-frequencies-unlisted = This MDP has too many possible episodes to list, so frequencies are not compared here; choose bandit, chain or discount-trap.
identity-frequencies-x-axis = log₁₀ P(τ) by the product formula
identity-frequencies-y-axis = log₁₀ sampled frequency
identity-tv-x-axis = log₁₀ episodes
identity-tv-y-axis = log₁₀ distance
identity-markov-note = The Markov check: actions taken in state { $state } at time 1, split by the action before. Each row matches π(·|{ $state }), whatever came before.
identity-markov-previous = previous action
identity-markov-exact = π(a|s), exact
identity-frequencies-caption = Each of the most likely episodes: its sampled frequency against P(τ) = P(s₀)Πₜπ(aₜ|sₜ)P(sₜ₊₁|sₜ,aₜ), both on a log scale (−2 is 1 in 100). On the diagonal, they agree; rare episodes spread more, having been seen fewer times.
identity-tv-caption = Total-variation distance against the number of episodes (log–log) beside a line of slope −½.

## The MDP at a glance (mdp_table.rs)

mdp-table-ends = { $state } (ends)
mdp-table-caption-grid = The grid under the current policy: each arrow is a move, as long as the policy is likely to take it; a cell is tinted by its expected reward (blue positive, red negative); end cells are grey with a double border, the start cell has a thick one.
mdp-table-caption-moves = The moves under the current policy, P(s′|s) = Σₐ π(a|s) P(s′|s,a): thicker is likelier. A thick ring marks a start state, a double ring a terminal one.
mdp-table-move = { $from } to { $to } { $probability }
mdp-table-move-reward = { $from } to { $to } { $probability } (reward { $reward })
mdp-table-summary = Diagram of the MDP under the current policy: { $moves }.
mdp-table-heading = The MDP: { $states ->
    [one] { $states } state
   *[other] { $states } states
}, { $actions ->
    [one] { $actions } action
   *[other] { $actions } actions
}, horizon { $horizon }
mdp-table-start-note = Episodes start in: { $start }. γ by default { $gamma }.
mdp-table-state = state
mdp-table-action = action
mdp-table-next = next state, probability

## Editing the MDP as a table (mdp_table_editor.rs)

mdp-table-editor-not-a-number = "{ $text }" is not a number
mdp-table-editor-horizon-range = must be a whole number between 1 and { $max }, not "{ $text }"
mdp-table-editor-not-a-table = The MDP in use cannot be shown as a table.
mdp-table-editor-too-large = The table edits MDPs of up to { $max-states } states and { $max-actions } actions; this one has { $states } states and { $actions } actions: edit its file below.
mdp-table-editor-by-next = r by next state
mdp-table-editor-invalid = { $problem } — the previous MDP stays in use.
mdp-table-editor-next-heading = P(s′ | s, a) for the next state s′
mdp-table-editor-start = start ρ₀(s)
mdp-table-editor-horizon = Horizon H
mdp-table-editor-heading = As a table
mdp-table-editor-hint = Type a number or a fraction such as 1/3. Each change is checked as a whole MDP and used at once when it is valid; a row's Σ must be 1.

## Editing, loading and downloading the MDP file (mdp_editor.rs)

mdp-editor-limits = Up to { $states } states, { $actions } actions, a horizon of { $horizon }, { $parameters } policy parameters and { $kilobytes } KB. A reward is a number R(s,a) or, by next state, {"{"}"s′": r{"}"}; features (a vector per state and action) are optional, and without them the policy is tabular; theta has one entry per parameter; gamma is 1 when left out. A Gymnasium transition table (env.unwrapped.P saved as JSON) reads as is.
mdp-editor-too-large = { $file }: the file is larger than { $bytes } bytes
mdp-editor-unreadable = { $file }: could not be read
mdp-editor-summary = Edit, load or download the MDP
mdp-editor-file-heading = As a file (JSON)
mdp-editor-invalid = { $problem } — the previous MDP stays in use.
mdp-editor-apply = Use this MDP
mdp-editor-load = Load a file…
mdp-editor-download-with-settings = Download the MDP in use, with your γ and θ
mdp-editor-download = Download the MDP in use

## The objective against γ (objective_chart.rs)

objective-chart-summary = Line chart of the exact objective J against the discount γ for the { $mdp } MDP; marked: γ = { $gamma }, J = { $j }
objective-chart-caption = Exact J as a function of γ (dynamic programming, no sampling). The dot marks the current γ.

## Words inside the display equations (`\pgtext{…}` in src/steps/): each becomes `\text{…}`,
## its `$…$` math kept as it is.

math-what-we-maximise = what we maximise
math-only-this-depends = only this depends on $\theta$
math-was-grad-p = was $\nabla_\theta P_\theta(\tau)$
math-markov = Markov
math-no-model-needed = no model needed
math-where = where
math-causality-zero = for $k < t$, as $R_k$ is fixed by $h_t$
math-rewards-from-t = rewards from $t$ on
math-reward-to-go = reward-to-go
math-what-most-code-computes = what most code computes
math-when-gamma-below-one = when $\gamma < 1$
math-baseline = baseline
math-estimate = estimate

## The built-in MDPs' names (pg_core::presets; an MDP file keeps its own name)

preset-bandit = Three-armed bandit
preset-chain = Slippery chain
preset-gridworld = Windy 3×3 grid
preset-corridor = Short corridor (Sutton & Barto, Example 13.1)
preset-discount-trap = Discount trap
preset-frozenlake-4x4 = FrozenLake 4×4 (slippery)

## MDP file errors (pg-mdp's MdpError kinds; the path in front is the file's own)

# Each follows its path ("transitions.s0.right: …"), which names the file's fields and is never
# translated; the arguments are names from the file, numbers as pg-mdp writes them and, in
# $problem, serde_json's English. The English here is pg-mdp's, word for word (a native test
# reads every kind both ways).

mdp-error-name-empty = name is empty
mdp-error-name-too-long = name is longer than { $max } characters
mdp-error-name-control = name contains a control character
mdp-error-no-names = must list at least one name
mdp-error-too-many-names = has { $count } entries; the limit is { $max }
mdp-error-duplicate-name = duplicate name '{ $name }'
mdp-error-not-finite = is not a finite number
mdp-error-out-of-range = is { $value }, outside the allowed range −{ $max } to { $max }
mdp-error-unknown-state = unknown state
mdp-error-probability-not-finite = probability is not a finite number
mdp-error-probability-negative = probability { $p } is negative
mdp-error-probability-sum = probabilities sum to { $sum }, not 1
mdp-error-unknown-action = unknown action
mdp-error-terminal-state-entry = terminal state takes no entry here
mdp-error-missing-state-entry = missing an entry for state '{ $name }'
mdp-error-missing-action-entry = missing an entry for action '{ $name }'
mdp-error-missing-next-reward = missing the reward for next state '{ $state }' (P = { $p })
mdp-error-file-too-large = file is { $size } bytes; the limit is { $max } bytes
mdp-error-not-mdp-file = not a valid MDP file: { $problem }
mdp-error-unknown-terminal = unknown state '{ $name }'
mdp-error-terminal-twice = '{ $name }' is listed twice
mdp-error-all-terminal = every state is terminal; at least one must not be
mdp-error-start-on-terminal = the start distribution puts mass on a terminal state
mdp-error-feature-length = a feature vector needs 1 to { $max } entries, not { $count }
mdp-error-feature-length-differs = has { $count } entries; earlier vectors have { $earlier }
mdp-error-between-one-and = must be between 1 and { $max }, not { $value }
mdp-error-gamma-range = must be a number between 0 and 1, not { $value }
mdp-error-theta-length = has { $count } entries; the policy has { $dim } parameters
mdp-error-not-an-object = not a valid MDP file: it must be one JSON object {"{"}…{"}"}, and this one starts with '{ $first }'
mdp-error-empty-file = not a valid MDP file: the file is empty
mdp-error-key-twice = "{ $key }" given twice (line { $line }, column { $column })

# Gymnasium transition tables (pg_mdp::gymnasium)

mdp-error-not-a-state-index = is not a state index from 0 to { $last } ({ $count } given; is one missing?)
mdp-error-not-an-action-index = is not a action index from 0 to { $last } ({ $count } given; is one missing?)
mdp-error-states-by-index = must be an object (or array) of states by index
mdp-error-actions-by-index = must be an object (or array) of actions by index
mdp-error-outcome-shape = must be [probability, next state, reward, terminated]
mdp-error-outcome-probability = probability must be in [0, 1], not { $p }
mdp-error-next-state-index-not = next state must be a state index 0 to { $last }, not { $given }
mdp-error-next-state-index = next state must be a state index 0 to { $last }
mdp-error-reward-out-of-range = reward is { $value }, outside the allowed range −{ $max } to { $max }
mdp-error-terminated-not-bool = terminated must be true or false
mdp-error-state-names-count = has { $count } names; P has { $expected } states
mdp-error-action-names-count = has { $count } names; P has { $expected } actions
mdp-error-not-gymnasium-table = not a valid Gymnasium table: { $problem }
mdp-error-table-states = has { $count } states; 1 to { $max } are accepted
mdp-error-table-actions = has { $count } actions; 1 to { $max } are accepted
mdp-error-table-actions-differ = has { $count } actions, but state 0 has { $first }
mdp-error-outcome-list = must be a non-empty list of [p, s′, r, terminated]
mdp-error-terminated-disagrees = enters state { $state } with terminated = false, but elsewhere it is entered with terminated = true (the app ends every episode that enters a terminal state)
mdp-error-rewards-disagree = next state { $state } pays { $reward } here and { $other } in entry { $entry }; one reward per next state is supported
mdp-error-start-length = has { $count } entries; P has { $expected } states

# Built-in MDPs (pg_mdp::presets)

mdp-error-unknown-preset = unknown preset '{ $id }'; choose one of { $ids }

# Parameters that pg-core checks: θ, γ, the state and time of a panel, a training run, a report

mdp-error-state-number = { $state } is not a state number below { $count }
mdp-error-state-terminal = '{ $name }' is terminal: no action is taken there
mdp-error-time-range = must be between 1 and { $max } (one below the horizon), not { $value }
mdp-error-episode-impossible = has probability zero under this MDP, so ln P(τ) has no gradient
mdp-error-step-size-range = must be a number above 0 and at most { $max }, not { $value }
mdp-error-at-least-one = must be at least 1
mdp-error-no-component = has no component { $index } (it has { $count })
