# English: the app's words (src/i18n.rs). Every message here has the same id and the same
# arguments in every other catalogue (a native test checks). Inline math is written $…$ and
# is shared by every language; a brace inside math is written {"{"} and {"}"}, as Fluent
# reads a bare brace as the start of an argument.

language-name = 한국어
page-title = 정책 경사, 한 단계씩
page-description = 정책 경사(REINFORCE)의 유도를 한 번에 한 단계씩, 정확한 값과 실시간 시뮬레이션을 나란히 놓고 따라갑니다.
language-switch = 언어

## The page around the steps

site-lede = REINFORCE의 유도를 한 번에 한 단계씩 따라갑니다. 각 단계는 작은 마르코프 결정 과정(MDP)에서 확인합니다. 정확한 값 옆에서 몬테카를로 추정값이 눈앞에서 수렴해 갑니다.
site-footer = 정확한 값은 pg-core 크레이트의 동적 계획법으로 계산하며, 이 크레이트는 WebAssembly로 컴파일되어 있습니다. 단축키: ←, → 키로 단계를 이동합니다.
open-full = 전체 탐색기 열기
opens-new-tab = (새 탭에서 열림)
settings-label = 설정
reset-all = 모두 초기화
reset-all-title = 사용 중인 MDP의 기본값(γ와 θ)과 기본 에피소드 수, 기본 시드로 되돌립니다
panel-title = { $mdp }에서
more-checks = 추가 검증
print-url = 이 화면의 실시간 버전:

## Moving between steps

part-seed = 유도
part-beyond = 유도를 넘어서
step-of = 전체 { $count }단계 중 { $number }단계
toc-label = 단계
toc-entry = { $number }단계: { $title }
nav-previous = 이전
nav-next = 다음
nav-previous-title = 이전: { $title }
nav-next-title = 다음: { $title }

## A step's card

step-card-math = 수학
step-card-changed = 바뀐 점
step-card-changed-hint = (수식에 상자와 이름표로 표시)
step-card-in-code = 코드로 보기
step-card-in-code-hint = (NumPy, 샘플링한 에피소드 하나)
step-card-tip = 팁 { $label }
step-card-panel = MDP에서의 확인
step-card-confirms = 이 단계의 시뮬레이션으로 확인하는 내용:

## Sharing and embedding

share-title = 이 화면 공유 또는 임베드
share-link = 링크
share-copy-link = 링크 복사
share-what-link = 링크
share-what-embed = 임베드 코드
share-copied = { $what }를 복사했습니다.
share-selected = 이 페이지에서는 클립보드를 사용할 수 없어 { $what }를 선택해 두었습니다. Ctrl+C(Mac에서는 ⌘C)를 눌러 복사하십시오.
share-long-link = 이 링크는 길이가 { $length }자입니다. 일부 플랫폼과 메일 프로그램은 { $limit }자보다 긴 링크를 잘라 버립니다. 아래의 “이 화면을 오프라인용으로 내려받기”를 누르면 링크 내용 전체를 담은 파일 하나가 만들어집니다.
share-long-link-standalone = 이 링크는 길이가 { $length }자입니다. 일부 플랫폼과 메일 프로그램은 { $limit }자보다 긴 링크를 잘라 버립니다. 대신 MDP 파일을 공유하십시오(MDP 편집·불러오기·내려받기 → 내려받기).
share-embed-legend = 강의 페이지에 임베드
share-embed-first = 첫 단계
share-embed-last = 마지막 단계
share-embed-controls = 독자가 바꿀 수 있는 항목
share-embed-code = 임베드 코드
share-copy-embed = 임베드 코드 복사
share-embed-note = 두 줄을 모두 페이지의 HTML에 붙여 넣으십시오. 스크립트가 프레임 높이를 내용에 맞춰 조절합니다. 스크립트가 없으면(일부 플랫폼은 스크립트를 제거합니다) 프레임의 높이는 { $height } px로 고정되고 스크롤됩니다. Canvas, Moodle, WordPress 등에 관한 안내는 README에 있습니다.
share-embed-preview = 640 px 너비로 임베드 미리 보기
share-embed-preview-title = 임베드 미리 보기
share-offline = 이 화면을 오프라인용으로 내려받기
share-offline-note = 모든 것이 들어 있는 HTML 파일 하나입니다. 서버나 네트워크 없이 USB 메모리나 공유 드라이브에서 바로 열 수 있습니다.
share-offline-downloading = 이 화면의 오프라인 사본을 내려받는 중입니다. 네트워크 없이 열리는 HTML 파일 하나입니다.
share-offline-failed = 오프라인 사본을 만들 수 없습니다: { $problem }
embed-title-one = 정책 경사, { $number }단계: { $title } — { $mdp }
embed-title-range = 정책 경사, { $first }–{ $last }단계: { $first-title }부터 { $last-title }까지 — { $mdp }
controls-all = MDP와 γ
controls-gamma = γ만
controls-none = 없음: 고정된 화면

## Settings

control-mdp = MDP
control-mdp-custom = 사용자 정의: { $name }
control-gamma = 할인율
control-theta = 정책 매개변수 θ
control-theta-count = 정책 매개변수 θ ({ $count }개)
control-theta-hint = −100부터 100까지의 수를 입력하십시오.
control-count-hint = { $min }부터 { $max }까지의 정수를 입력하십시오.
control-episodes = 에피소드 수
control-seed = 시드
theme = 테마
theme-auto = 자동
theme-light = 라이트
theme-dark = 다크

## The steps: the words of each step (src/steps/), by its slug. The title, what changed,
## why the step holds (with inline math), what its simulation confirms, and the seed's tip.

step-objective =
    .title = 목적 함수: 리턴의 기댓값
    .changed = 목적 함수
    .justification = 에피소드 $\tau$는 과정을 한 번 실행한 것입니다. 시작 상태, 행동, 보상, 다음 상태, … 순으로 이어지며 종료 상태나 호라이즌에 이르면 끝납니다. 리턴(누적 할인 보상) $G_t$는 시점 $t$부터의 보상을 더한 것으로, 각 보상은 한 스텝 늦어질 때마다 $\gamma$로 한 번씩 할인됩니다(에피소드가 끝난 뒤의 보상은 0으로 치며, $\gamma = 0$일 때도 $\gamma^0 = 1$입니다). 목적 함수 $J_\theta$는 시작 시점부터의 리턴을 모든 에피소드에 걸쳐 각 에피소드의 확률 $P_\theta(\tau)$로 가중 평균한 것입니다. 유한 MDP에서는 이 적분이 유한 합이 됩니다.
    .confirms = 샘플링한 에피소드들에서 구한 G₀의 평균이 정확한 J로 수렴합니다. γ의 함수로서의 J도 보여 줍니다.

step-gradient-under-integral =
    .title = 적분 기호 안에서 미분하기
    .changed = ∇가 Pθ(τ)로 이동
    .justification = 경사는 선형 연산이므로 적분 안으로 들어갈 수 있습니다(유한 MDP에서는 유한 합 안으로). 고정된 에피소드의 리턴 $G_0$는 그 에피소드의 보상으로 계산한 하나의 수일 뿐이므로 $\theta$에 의존하지 않습니다. 달라지는 것은 그 에피소드가 일어날 확률뿐입니다.
    .confirms = 모든 에피소드에 대한 합 Σ_τ G₀(τ) ∇P_θ(τ)를 에피소드별로 하나하나 더하면 J의 유한 차분 경사와 같습니다. 경사 방향을 따라 J가 어떻게 변하는지도 보여 줍니다.

step-log-derivative-trick =
    .title = 로그 미분 트릭
    .changed = ∇P = P ∇ln P
    .justification = 피적분 함수에 $P_\theta(\tau)$가 다시 들어오면 경사는 다시 에피소드에 대한 기댓값이 됩니다. 에피소드를 샘플링하여 $G_0 \nabla_\theta \ln P_\theta(\tau)$의 평균을 내면 그 평균은 $\nabla_\theta J_\theta$로 수렴합니다. 여기서 유용한 결과가 하나 따라 나옵니다: $\mathbb E[\nabla_\theta \ln P_\theta(\tau)] = \nabla_\theta \int_\tau P_\theta(\tau)\,d\tau = \nabla_\theta 1 = 0$.
    .confirms = 에피소드마다 ∇P(τ) = P(τ)∇ln P(τ)가 성립합니다(유한 차분 값과 공식 값을 비교하면 대각선 위에 놓입니다). E[∇ln P(τ)] = 0입니다. 추정량 G₀∇ln P(τ)는 ∇J로 수렴합니다.
    .tip = 적분을 샘플링으로 추정할 수 있는 기댓값, 곧 $\int_x f(x)\, P(x)\, dx$ 꼴로 만들고 싶습니다. $\nabla \ln P = \nabla P / P$이므로 양변에 $P$를 곱하면 $\nabla P = P\, \nabla \ln P$입니다.

step-markov-factorisation =
    .title = 에피소드 확률의 인수분해
    .changed = 각 인수에서 이력이 빠짐
    .justification = 확률의 곱셈 규칙(연쇄 법칙)을 거듭 적용하면 $P_\theta(\tau)$는 사건 하나마다 인수 하나씩으로 나뉘고, 각 인수는 그 앞의 모든 것을 조건으로 합니다. 마르코프 성질은 이 이력을 없애 줍니다. 다음 행동은 현재 상태에만 의존하므로 $P_\theta(a_t \mid s_0, a_0, \ldots, s_t) = \pi_\theta(a_t \mid s_t)$이고, 다음 상태는 현재 상태와 행동에만 의존합니다. 시작 분포 $P(s_0)$와 동역학 $P(s_{"{"}t+1{"}"} \mid s_t, a_t)$는 환경에 속하며 $\theta$를 포함하지 않습니다.
    .confirms = 경험적 에피소드 빈도를 곱 공식과 비교하면 총변동 거리가 1/√N처럼 줄어듭니다. sₜ가 주어졌을 때의 행동 빈도는 그 이전의 이력에 의존하지 않습니다.
    .tip = 확률의 연쇄 법칙입니다(출처 글에서는 베이즈 규칙이라고 부릅니다): $P(A, B) = P(A)\, P(B \mid A)$. 이를 반복하면 $P(A, B, C) = P(A)\, P(B \mid A)\, P(C \mid A, B)$가 되며, 사건이 몇 개이든 마찬가지입니다.

step-dynamics-drop-out =
    .title = 동역학 항의 소거
    .changed = 정책의 스코어만 남음
    .justification = 로그는 곱을 합으로 바꿉니다. 시작 항과 전이 항은 $\theta$에 의존하지 않으므로 그 경사는 0이고, 정책의 스코어 $\nabla_\theta \ln \pi_\theta(a_t \mid s_t)$만 남습니다. 따라서 이 추정량에는 환경의 모델이 필요 없습니다. 에이전트는 자기 정책만 알면 됩니다. (출처 글은 이 합의 중간에 $\nabla_\theta \ln P_\theta(a_1, s_1)$라고 썼지만, 이는 $\nabla_\theta \ln \pi_\theta(a_1 \mid s_1)$를 뜻합니다.)
    .confirms = 샘플링한 에피소드에서, 동역학까지 포함한 전체 ln P(τ)의 유한 차분 경사는 정책 스코어의 합과 같습니다. 즉 동역학의 기여는 정확히 0입니다.

step-expand-the-product =
    .title = 곱의 전개
    .changed = 쌍 (k, t)마다 교차항 하나
    .justification = $G_0$를 풀어 쓰고 두 합을 곱하면 모든 보상 $R_k$가 모든 스코어 $\nabla_\theta \ln \pi_\theta(a_t \mid s_t)$와 만납니다. 경사는 보상 시점과 행동 시점을 두 축으로 하는 행렬 $C[k, t]$의 모든 칸을 더한 것입니다.
    .confirms = 교차항 행렬 C[k, t]의 정확한 값과 추정값을 히트맵으로 보여 줍니다.

step-causality =
    .title = 인과성: 과거는 영향을 받지 않는다
    .changed = t 이전의 보상 제거
    .justification = $h_t = (s_0, a_0, \ldots, a_{"{"}t-1{"}"}, s_t)$를 $a_t$가 뽑히는 순간까지의 이력이라고 합시다. 시점 $t$ 이전에 받은 보상, 즉 $k < t$인 $R_k = R(s_k, a_k)$는 이 이력의 함수입니다. $h_t$가 주어지면 행동 $a_t$는 $\pi_\theta(\cdot \mid s_t)$에서 뽑히므로 그 스코어의 평균은 0입니다. 따라서 $R_k$를 안쪽 기댓값 밖으로 꺼내면 $C$의 대각선 아래 칸은 모두 0이 됩니다. (상태만 조건으로 해서는 이렇게 되지 않습니다. $R_k$는 행동에도 의존하기 때문입니다.) 이 항들을 빼도 평균은 그대로이고 잡음만 줄어듭니다. 이후 보상합(reward-to-go) 추정량은 전체 리턴 추정량과 기댓값이 같고, 대개 분산이 더 작습니다.
    .confirms = C의 대각선 아래 삼각 부분은 신뢰구간 안에서 0입니다. 전체 리턴 추정량과 이후 보상합 추정량의 평균은 같고, 이후 보상합 추정량의 분산이 더 작습니다.
    .tip = 행동은 자기보다 먼저 받은 보상을 바꿀 수 없습니다. 출처 글은 이를 직관적으로 설명하고, 수식의 첫 줄은 이를 정확하게 보여 줍니다: 이력이 주어졌을 때 스코어의 기댓값은 $\sum_a \pi_\theta(a \mid s_t) = 1$의 경사이므로 0입니다.

step-reward-to-go =
    .title = 이후 보상합: 출처 글의 결과
    .changed = 꼬리 합은 γᵗ Gₜ
    .justification = 꼬리 합에서 $\gamma^t$를 묶어 내면 남는 것은 시점 $t$부터의 리턴입니다. 이것이 이후 보상합을 쓰는 REINFORCE입니다. 각 행동의 스코어에는 그 뒤에 이어진 할인된 리턴이 가중치로 곱해지고, 그 행동이 얼마나 늦게 나왔는지에 따라 $\gamma^t$도 곱해집니다.
    .confirms = 이후 보상합 추정량이 정확한 ∇J로 수렴합니다.

step-dropping-gamma-t =
    .title = γᵗ를 빼면 어떻게 될까?
    .changed = 가중치 γᵗ 제거
    .justification = 출처 글의 질문(Q1)은 경사를 $\approx$로, 그리고 $\gamma^t$ 없이 적고, 그 풀이는 $\gamma^t G_t$로 끝납니다. 두 형태가 모두 나오는 까닭은 대부분의 코드가 $\gamma^t$ 없는 형태를 계산하기 때문입니다. 그러나 그것은 ∇J와 다른 방향입니다. 이 형태는 시점 $t$의 결정에 처음 결정과 같은 가중치를 주지만, $J$는 그 결정을 $\gamma^t$만큼 할인합니다. $\gamma = 1$이거나 모든 에피소드의 길이가 한 스텝이면 $\nabla_\theta J_\theta$와 같지만, 그 밖의 경우에는 편향되어 있고 어떤 함수의 경사도 아닙니다(Thomas 2014; Nota와 Thomas 2020, 「Is the policy gradient a gradient?」(정책 경사는 경사인가?)).
    .confirms = γ가 변할 때 두 방향(정확한 값과 추정값)과 그 사이의 각도를 보여 줍니다. 할인 함정(discount-trap)에서는 γᵗ가 없는 방향이 ∇J와 반대쪽을 가리킵니다.

step-baseline =
    .title = 기준선 빼기
    .changed = Gₜ − b(sₜ)
    .justification = $s_t$까지의 이력의 함수로서 행동 $a_t$에 의존하지 않는 것(상태는 물론 시점도 포함)이라면 무엇이든, 인과성 단계와 같은 논증에 따라 평균을 바꾸지 않고 $G_t$에서 뺄 수 있습니다. $b$를 상태 가치 $V_{"{"}H-t{"}"}(s_t)$ ($H - t$ 스텝이 남았을 때 $s_t$에서 시작하는 리턴의 기댓값)로 잡으면, 가중치는 그 행동이 평소보다 나았는지 못했는지를 나타내며, 이렇게 하면 분산이 줄어드는 경우가 많습니다. 항상 그렇지는 않습니다. 상태 가치는 분산을 최소화하는 기준선이 아니며, 어떤 MDP에서는 분산이 오히려 커집니다.
    .confirms = 기준선이 있을 때와 없을 때 평균이 같습니다. b = 정확한 상태 가치로 두었을 때의 분산을 기준선이 없을 때의 분산과 나란히 보여 줍니다.

step-training =
    .title = 실제로 학습할까?
    .changed = 추정값을 따라 한 스텝
    .justification = $J$에 대한 확률적 경사 상승법입니다. 현재 정책으로 에피소드 배치를 샘플링하고, 경사를 추정한 뒤, 크기 $\alpha$만큼 한 스텝 이동합니다. 편향 없는 추정량을 쓰면 $J$가 올라갑니다. $\gamma^t$를 빼는 추정량을 쓰면 할인 함정(discount-trap) MDP에서 정책이 가장 나쁜 정책을 향해 꾸준히 나아갑니다.
    .confirms = 각 추정량으로 경사 상승을 할 때 정확한 J(θₖ)의 학습 곡선을 보여 줍니다.

## Exact values, estimates and sampling

readout-exact = 정확한
readout-route-dp = 동적 계획법
readout-unavailable = 구할 수 없음: { $problem }
readout-norm = 노름 { $value }
readout-components = 성분 { $count }개
estimator-trajectory = 전체 리턴
estimator-reward-to-go = 이후 보상합
estimator-no-discount-weight = γᵗ 없음
estimator-baseline = 기준선 사용
estimates-quantity = 항목
estimates-exact = 정확한 값
estimates-monte-carlo = 몬테카를로
estimates-off-by = 차이
estimates-note = 현재 γ에서의 정확한 값(동적 계획법)과 몬테카를로 추정값을 나란히 보여 줍니다. ±는 95% 신뢰구간이고, σ는 정확한 값과의 차이를 표준 오차 단위로 나타냅니다.
estimates-note-component = 현재 γ에서의 정확한 값(동적 계획법)과 몬테카를로 추정값을 나란히 보여 줍니다. 벡터는 { $component } 성분을 보여 줍니다. ±는 95% 신뢰구간이고, σ는 정확한 값과의 차이를 표준 오차 단위로 나타냅니다.
sampling-again = 다시 샘플링
sampling-resume = 재개
sampling-pause = 일시 정지
sampling-on-page = 이 페이지 안에서 샘플링합니다(여기서는 백그라운드 워커를 쓰지 않습니다).
sampling-in-workers = 백그라운드 워커 { $count }개에서 샘플링합니다.
sampling-progress = 샘플링한 에피소드
sampling-status = 에피소드 { $done }/{ $target }{ $count ->
    [one] 개
   *[other] 개
}, 시드 { $seed }
sampling-finished = 에피소드 { $done }{ $count ->
    [one] 개
   *[other] 개
}를 샘플링했습니다.
notice-title = 주소의 일부 설정을 적용하지 못했습니다:
notice-dismiss = 닫기
chart-discount-axis = 할인율 γ
chart-sample-variance = 표본 분산

## Step panels

causality-variance-what = 이후 보상합 추정량과 전체 리턴 추정량의 표본 분산
causality-variance-caption = 똑같이 샘플링한 에피소드들에서 계산한, γ에 따른 두 추정량의 분산(공분산 행렬의 대각합)입니다. k < t 항을 빼도 평균은 그대로이고 잡음만 줄어듭니다.
baseline-with = b = V 사용
baseline-without = 기준선 없음
baseline-variance-what = 상태 가치 기준선이 있을 때와 없을 때의 표본 분산

## Charts: axes and marks

chart-episodes-log-axis = 에피소드 수(로그 스케일)
chart-weights-rest = 나머지
chart-cross-terms-k-axis = k, 보상 시점
chart-cross-terms-t-axis = t, 행동 시점
chart-fraction-axis = 에피소드 비율
chart-exact-j-axis = 정확한 J
chart-time-axis = 시점 k
chart-reward-axis = 보상
diagram-end = 종료
diagram-end-reward = 종료 { $reward }
format-both-zero = 둘 다 0
format-angle-undefined = 정의되지 않음(둘 중 하나가 0)

## When something fails

crash-title = 문제가 발생했습니다. 이 화면을 다시 불러오십시오.
crash-explanation = 페이지에 내부 오류가 발생하여 화면 갱신이 멈췄습니다. 지금 보이는 내용은 최신이 아닐 수 있습니다. 설정은 모두 주소에 들어 있으므로 다시 불러와도 그대로 유지됩니다.
crash-reload = 이 화면 다시 불러오기
crash-details = 오류 내용(버그 보고용)
offline-not-fetched = { $url }을(를) 가져올 수 없음
offline-no-response = 브라우저가 응답하지 않음
offline-status = { $url }의 응답: { $status }
offline-unreadable = { $url }을(를) 읽을 수 없음
offline-no-room = 브라우저가 파일을 담을 수 없음
offline-refused = 브라우저가 내려받기를 거부함
offline-no-head = 오프라인 파일에 <head>가 없음

## Notices about the address: what could not be used, and what is used instead

notice-value = { $key }: 값 '{ $value }'는 { $problem } 다음을 대신 사용합니다: { $fallback }.
notice-not-base64 = base64url 형식이 아니므로({ $problem })
notice-not-utf8 = UTF-8 텍스트로 디코딩되지 않으므로
notice-too-large = 압축을 풀면 파일 크기 제한인 { $limit }바이트를 넘으므로
notice-not-deflate = 압축된 MDP 파일(deflate)이 아니므로
notice-not-step = 단계 이름이 아니므로
notice-not-range = 단계 이름을 순서대로 적은 범위 first..last가 아니므로
notice-all-steps = 모든 단계
notice-not-preset = 기본 제공 MDP가 아니므로
notice-built-in-mdp = 기본 제공 MDP
notice-not-gamma = 0과 1 사이의 수가 아니므로
notice-mdp-default = MDP의 기본값
notice-not-theta = −100부터 100까지의 수로 이루어진 목록이 아니므로
notice-not-episodes = 1부터 { $max }까지의 정수가 아니므로
notice-not-workers = 0(페이지에서 샘플링)부터 { $max }까지의 정수가 아니므로
notice-default-workers = 워커 1개(코어가 4개 이상이면 2개)
notice-not-lang = 앱이 지원하는 언어({ $langs })가 아니므로
notice-browser-lang = 브라우저의 언어
notice-not-seed = 0부터 2⁶⁴−1까지의 정수가 아니므로
notice-not-embed = 1 또는 0이 아니므로
notice-not-theme = light, dark 또는 auto가 아니므로
notice-not-controls = all, gamma 또는 none이 아니므로
notice-unknown-key = '{ $key }'은(는) 이 페이지가 아는 설정이 아니므로 무시했습니다.
notice-repeated-key = { $key }: { $count }번 주어졌습니다. 마지막 유효한 값을 사용합니다.
notice-mdp-and-spec = mdp와 spec: 둘 다 주어졌습니다. 마지막 유효한 값을 사용합니다.
notice-custom-mdp-unusable = spec: 사용자 정의 MDP를 사용할 수 없습니다: { $problem }. 기본 제공 MDP “{ $preset }”을 대신 보여 줍니다.
notice-theta-unfit = { $problem }. 대신 MDP의 기본 θ를 사용합니다.
notice-model-unusable = { $problem }. 대신 기본 제공 MDP를 사용합니다.
## ---- Step panels (src/steps/)
## The objective (step 1): the episode replay and J against the probability

replay-none = 재생할 에피소드가 없습니다.
replay-status-start = 샘플링한 에피소드 { $offered }개 중 { $number }번째(시드 { $seed }), t = { $now }/{ $total }: { $state }에서 시작합니다. 아직 받은 보상이 없으므로 지금까지의 리턴은 0입니다.
replay-stayed = { $state }에 그대로 머물렀습니다
replay-moved = { $state }(으)로 이동했습니다
replay-status-step = 샘플링한 에피소드 { $offered }개 중 { $number }번째(시드 { $seed }), t = { $now }/{ $total }: { $from }에서 { $action } 행동을 택했고, { $moved }. 보상은 R{ $k-sub } = { $reward }이고, 리턴에는 γ{ $k-sup }R{ $k-sub } = { $discounted }만큼 더해집니다. 지금까지의 리턴, 곧 k < { $now }에 대한 Σ γᵏRₖ의 값은 { $so-far }입니다.
replay-end-terminal = 종료 상태 { $state }에 도달
replay-end-horizon = 호라이즌 H = { $horizon }에 도달
replay-end-mean = 모든 에피소드의 G₀를 각 에피소드의 확률로 가중 평균한 값이 J = { $j }입니다. 위 차트는 이 에피소드와 같은 표본들을 평균합니다.
replay-end = 에피소드가 끝납니다({ $why }). 이 에피소드의 리턴은 G₀ = { $return }입니다.
replay-pause = 일시 정지
replay-replay = 다시 재생
replay-play = 재생
replay-caption = MDP에서 샘플링한 에피소드 하나입니다. 주황색 고리(격자에서는 원판)는 에피소드가 지금 있는 상태를, 주황색 호는 방금 한 이동을 표시합니다. 이 에피소드의 리턴 G₀는 J의 표본 하나입니다.
replay-next-step = 다음 스텝
replay-another = 다른 에피소드
objective-probability-exact = π({ $action })에 따른 정확한 J
objective-probability-best = 최적: π({ $action }) = { $best }, J = { $j }
objective-probability-summary = 정책이 모든 상태에서 같으므로 수 하나, 곧 π({ $action })만으로 정책을 나타낼 수 있습니다. γ = { $gamma }에서 J는 π({ $action }) = { $best }일 때 가장 크고(J = { $j }), 현재 θ에서는 π({ $action }) = { $current }입니다.
objective-probability-axis = 모든 상태에서의 π({ $action })
objective-probability-y = 정확한 J
objective-probability-caption = 행동의 확률(모든 상태에서 같음)마다 구한 정확한 J(동적 계획법)입니다. 긴 파선은 최적점을, 짧은 파선은 현재 θ를 표시합니다.
objective-probability-textbook = Sutton과 Barto의 예제 13.1: γ = 1에서 최적의 π(right)는 2 − √2 ≈ 0.586입니다.

## The gradient under the integral (step 2): ∇J episode by episode

gradient-weights-likeliest = 가장 확률이 높은 에피소드 { $episode }의 P는 { $p }, G₀는 { $g0 }입니다.
gradient-weights-summary = 위: 확률이 가장 높은 에피소드 { $shown }개의 P(τ)와, { $name }이(가) 커질 때 각각이 어떻게 움직이는지 나타내는 화살표. 아래: 각 에피소드의 G₀ ∂P/∂{ $name }, 나머지 에피소드 { $rest }개를 합친 값, 그리고 이들의 합({ $total })을 J의 유한 차분 기울기({ $slope })와 나란히 보여 줍니다.
gradient-weights-legend = 유한 차분으로 구한 ∂J/∂{ $name }
gradient-weights-caption = θ에 의존하는 것은 P(τ)뿐입니다. 막대: 확률이 가장 높은 에피소드들의 P(τ). 화살표: { $name }이(가) { $factor }만큼 커질 때 P(τ)가 옮겨 가는 방향(1차 근사). 아래: 각 에피소드의 고정된 리턴 G₀에 ∂P/∂{ $name }을(를) 곱한 값. 그 합(Σ)은 { $name }을(를) 조금 움직여 구한 J의 기울기(파선)와 일치합니다.

## Reward-to-go (step 8): one episode along time

reward-to-go-empty = 이 에피소드는 첫 스텝 전에 끝납니다.
reward-to-go-summary-cut = 이번 실행의 { $number }번째 에피소드(전체 { $total }스텝 중 처음 { $shown }스텝): 보상 { $rewards }. γ = { $gamma }에서 t = { $t }부터의 이후 보상합은 음영으로 표시된 보상들을 각각 γᵏ로 가중하여 더합니다. k ≥ { $t }에 대한 그 합은 { $tail }이며, 이는 γ{ $t-sup }·G{ $t-sub }입니다. t = 0부터 더한 값은 전체 리턴입니다: G₀ = { $return }.
reward-to-go-summary = 이번 실행의 { $number }번째 에피소드: 보상 { $rewards }. γ = { $gamma }에서 t = { $t }부터의 이후 보상합은 음영으로 표시된 보상들을 각각 γᵏ로 가중하여 더합니다. k ≥ { $t }에 대한 그 합은 { $tail }이며, 이는 γ{ $t-sup }·G{ $t-sub }입니다. t = 0부터 더한 값은 전체 리턴입니다: G₀ = { $return }.
reward-to-go-legend-tail = 각 t부터의 이후 보상합: k ≥ t에 대한 γᵏRₖ의 합, 곧 γᵗGₜ
reward-to-go-legend-reward = 보상 Rₖ(윤곽선)와 그 할인된 부분 γᵏRₖ(채움)
reward-to-go-caption = 이번 실행의 에피소드 하나를 시간 순서대로 보여 줍니다. 위쪽의 회색 띠는 γᵏ로, 늦어질수록 옅어집니다. 음영 부분에는 에피소드 중간부터 이후 보상합이 더하는 보상들이 들어 있습니다.
reward-to-go-another = 다른 에피소드

## Dropping γᵗ (step 9): the two directions, and the angle between them

directions-zero = 여기서는 두 방향이 모두 0이므로 비교할 것이 없습니다.
directions-verdict-zero = 둘 중 하나가 0입니다
directions-verdict-downhill = 두 방향 사이의 각도는 { $angle }이며, γᵗ가 없는 형태를 따라 올라가면 J가 낮아집니다
directions-verdict-same = 두 방향은 같은 쪽을 가리킵니다
directions-verdict-apart = 두 방향 사이의 각도는 { $angle }입니다
directions-summary = γ = { $gamma }에서 ∇J의 길이는 { $grad }, γᵗ가 없는 방향의 길이는 { $other }입니다. { $verdict }.
directions-x = ∇J 방향(단위 길이의 화살표)
directions-y = ∇J에 수직인 방향
directions-legend-grad = ∇J(이후 보상합의 평균)
directions-legend-without = γᵗ가 없는 형태의 평균
directions-caption = 두 정확한 방향을 두 방향이 펼치는 평면 위에 단위 길이의 화살표(끝에 고리 표시)로 나타냅니다. 두 축의 눈금이 같으므로 둘 사이의 각도는 실제와 같습니다. 점은 같은 눈금에서의 몬테카를로 평균입니다(매개변수가 하나이면 95% 신뢰구간과 함께 나타냅니다).
angle-curve = ∇J와 γᵗ가 없는 방향 사이의 각도
angle-verdict-zero = 영벡터가 있으면 비교할 방향이 없습니다
angle-verdict-same = 두 방향은 같은 쪽을 가리킵니다
angle-verdict-against = 이 방향은 ∇J와 반대쪽을 가리키므로, 이를 따라 올라가면 J가 낮아집니다
angle-verdict-climbs = 이 방향도 여전히 J를 올리지만, 경사를 따라가지는 않습니다
angle-summary = γ = { $gamma }에서 ∇J와 γᵗ가 없는 방향 사이의 각도: { $angle }. { $verdict }.
angle-axis = 각도(도)
angle-caption = ∇J와 γᵗ가 없는 추정량의 평균 사이의 정확한 각도를 γ에 따라 나타낸 것입니다(동적 계획법). 90°의 회색 선보다 위에서는 이 방향이 내리막을 가리키고, γ = 1에서는 두 방향이 일치합니다.

## The baseline (step 10): the spread with and without it

baseline-counterexample = 항상 더 좁아지는 것은 아닙니다. θ = (3, 0, 0)인 세 팔 밴딧에서는 정책이 이미 가장 좋은 팔을 선호하므로, 상태 가치를 빼면 성분별 분산의 합(공분산 행렬의 대각합)이 오히려 커집니다. 정확한 값은 0.0494 대 0.0389입니다.
baseline-counterexample-link = 여기서 확인해 보십시오.
baseline-variance-caption = 샘플링한 모든 에피소드에서 구한, 기준선이 있을 때와 없을 때의 분산(공분산 행렬의 대각합)을 γ에 따라 나타낸 것입니다.
baseline-spread-axis = ∇J 방향으로 잰 에피소드 하나의 추정값
baseline-spread-summary = 처음 에피소드 { $episodes }개에서 각 에피소드의 추정값을 ∇J 방향으로 잰 결과, 기준선이 있으면 평균 { $mean-with }, 표준 편차 { $sd-with }이고, 없으면 평균 { $mean-without }, 표준 편차 { $sd-without }입니다(분산비 { $ratio }). 두 경우의 정확한 평균은 모두 |∇J|⁠ = { $exact }입니다.
baseline-legend-with = b = V(sₜ) 사용
baseline-legend-without = 기준선 없음
baseline-legend-exact = 정확한 |∇J|(두 경우의 평균)
baseline-spread-caption = 에피소드 하나의 추정값이 ∇J 방향으로(경사 방향의 길이로) 어떻게 퍼져 있는지를, 현재 γ에서 이번 실행의 처음 에피소드 { $episodes }개에 대해 기준선이 있을 때와 없을 때로 나누어 보여 줍니다. 진한 선은 둘이 공유하는 정확한 평균 |∇J|입니다.

## Training (step 11): learning curves

training-summary-part = { $estimator }: { $updates }번 갱신한 뒤 J = { $j }
training-axis-update = 갱신 횟수 k
training-axis-j = 정확한 J(θₖ)
training-caption = 현재 θ에서 시작하여 스텝 크기 α = { $alpha }, 갱신마다 새로 샘플링한 에피소드 { $batch }개로 경사 상승을 합니다. 각 갱신 뒤의 정확한 J(동적 계획법)를 보여 줍니다. 한 번의 갱신에서 θ는 { $max-move }보다 많이 움직이지 않습니다(스텝을 자릅니다). 짧은 복도처럼 J가 가파른 곳에서는 잡음이 섞인 추정 하나가 θ를 목표에 끝내 닿지 못하는 정책으로 던져 버릴 수 있기 때문입니다.
training-biased = 편향된 방향이라고 해서 느린 방향인 것은 아닙니다. γᵗ가 없는 방향이 여전히 J를 올리는 곳(9단계: ∇J와의 각도가 90° 미만)에서는 어떤 MDP에서는 오히려 더 높은 J에 이를 수도 있습니다. 이 방향이 내리막을 가리키는 곳에서는 이를 따라 올라가면 J가 낮아집니다:
training-biased-link = 할인 함정(discount-trap)을 보십시오
training-biased-after = {"."}
## ---- Shared panels, charts and the MDP editors (src/components/)
## Charts (chart_canvas.rs)

chart-computing = 계산 중…
chart-download-png = PNG 내려받기
chart-download-csv = CSV 내려받기

## Convergence chart (step_panel.rs)

convergence-mean-g0 = G₀의 평균
convergence-axis-objective = J, G₀의 평균
convergence-summary = { $series }: 에피소드 { $count }개로 구한 추정값 { $mean } ± { $band }
convergence-summary-exact = { $series }: 에피소드 { $count }개로 구한 추정값 { $mean } ± { $band }, 정확한 값 { $exact }
convergence-legend-exact = 정확한 값(동적 계획법)
convergence-caption = 에피소드 수에 따른 몬테카를로 누적 평균과 그 95% 신뢰구간입니다. 점선은 정확한 값입니다.

## Cross terms (step_panel.rs)

cross-terms-single-cell = 모든 에피소드의 길이가 한 스텝입니다. C에는 { $component } 성분의 C[0, 0] 한 칸만 있고, 행동보다 먼저 오는 보상은 없습니다. 교차항을 보려면 에피소드가 더 긴 MDP를 고르십시오.
cross-terms-episodes = { $count ->
    [one] 에피소드 { $shown }개
   *[other] 에피소드 { $shown }개
}
cross-terms-one-episode = { $episodes }로 구한 { $component } 성분의 교차항 C[k, t]입니다. 에피소드 하나로는 표준 오차를 구할 수 없으므로 아직 어느 칸도 0과 다른지 검정할 수 없습니다. “추정에 쓸 에피소드”를 오른쪽으로 옮겨 보십시오. 에피소드가 쌓일수록 대각선 아래 칸들이 0 주위로 모입니다.
cross-terms-lower-all-zero = { $episodes }로 구한 { $component } 성분의 교차항 C[k, t]입니다. 대각선 아래에서는 샘플링된 모든 칸이 정확히 0입니다. 이 MDP에서는 에피소드의 마지막 행동보다 먼저 오는 보상이 없으므로 인과성으로 제거할 것이 없습니다. 미끄러운 체인처럼 도중에 보상이 있는 MDP에서는 인과성이 제거하는 잡음을 볼 수 있습니다.
cross-terms-lower-within = { $episodes }로 구한 { $component } 성분의 교차항 C[k, t]입니다. 대각선 아래(k < t: 행동보다 먼저 받은 보상)에서는 정확한 값이 0이며, 값이 변하는 추정 칸 { $total }개 중 { $within }개가 0에서 표준 오차의 2배 이내에 있습니다. 우연만으로도 이 안에 드는 칸 비율의 기댓값은 약 95%이며, 이 개수는 여러 개씩 한꺼번에 바뀝니다. 한 행의 칸들은 같은 에피소드들의 스코어를 공유하므로 함께 신뢰구간 안으로 들어오거나 밖으로 나가기 때문입니다.
cross-terms-sum-drawn = { $episodes }로 구한 { $component } 성분의 교차항 C[k, t]입니다. 호라이즌 { $horizon }까지의 모든 칸의 합은 ∂J/∂{ $component } = { $gradient }입니다. 그려진 { $len } × { $len } 칸(시점이 { $len }보다 작은 칸)의 합은 정확히 { $exact }이고(추정값 { $estimated }), 나머지는 그 뒤 시점의 칸들에 있습니다.
cross-terms-sum-all = { $episodes }로 구한 { $component } 성분의 교차항 C[k, t]입니다. 모든 칸의 합은 ∂J/∂{ $component } = { $gradient }입니다(정확한 값 { $exact }, 추정값 { $estimated }).
cross-terms-title-estimate = 몬테카를로
cross-terms-title-exact = 정확한 값
cross-terms-scrub-first = 에피소드 { $sampled }개 중 처음 { $shown }개
cross-terms-scrub-all = 에피소드 { $sampled }개 전체
cross-terms-estimate-from = 추정에 쓸 에피소드
cross-terms-caption-exact = 정확한 C[k, t](동적 계획법)입니다.
cross-terms-caption-rings = 추정값입니다. 대각선 아래에서 고리가 표시된 칸은 0에서 표준 오차의 2배 이내에 있습니다. “추정에 쓸 에피소드”를 더 적은 에피소드 쪽으로 되돌려 보십시오. 대각선 아래의 잡음은 평균을 내면서 사라지는 부분입니다.
cross-terms-caption-estimate = 샘플링한 에피소드들로 추정한 값이며, 같은 색 척도를 씁니다(파란색은 양수, 빨간색은 음수).

## Variance comparisons (step_panel.rs)

variance-ratio-summary = γ = { $gamma }에서 { $what }: { $first } 대 { $second }(분산비 { $ratio }), 에피소드 { $count }개 기준.

## Identities, routes to ∇J and episode frequencies (identity_panels.rs)

identity-route-finite-differences = J의 유한 차분
identity-route-finite-differences-one = J의 유한 차분, { $component } 성분만(성분 { $count }개를 모두 구하려면 정확한 풀이가 { $solves }번 필요함)
identity-route-enumeration = 에피소드 { $episodes }개 전체에 대한 G₀ ∇P(τ)의 합 Σ
identity-route-too-many = 에피소드가 너무 많아 나열할 수 없음
identity-routes-note = { $component } 성분입니다. 마지막 열은 모든 성분에 걸쳐 동적 계획법 값과의 차이 중 가장 큰 값입니다.
identity-routes-route = 경로
identity-routes-max-gap = 최대 차이
identity-along-tangent = 기울기가 |∇J|인 접선
identity-along-summary = 경사 방향을 따라 s = −{ $reach }부터 { $reach }까지 본 J입니다. s = 0에서 J는 { $j }이고, 기울기가 |∇J|⁠ = { $slope }인 접선에 접합니다.
identity-along-x-axis = s, ∇J/|∇J| 방향으로의 거리
identity-along-y-axis = 정확한 J
identity-along-caption = 단위 경사 방향을 따라 본 정확한 J입니다. 경사는 현재 θ에서 그은 접선의 기울기입니다.
identity-dynamics-x-axis = ∇ln P(τ), 동역학 포함(유한 차분)
identity-probability-x-axis = ∇P(τ)(유한 차분)
identity-summary = 샘플링한 에피소드 { $count }개, { $component } 성분: 모든 에피소드와 성분에 걸쳐 양변의 차이 중 가장 큰 값은 { $gap }입니다(값의 크기는 최대 { $largest }).
identity-summary-dynamics = 샘플링한 에피소드 { $count }개, { $component } 성분: 모든 에피소드와 성분에 걸쳐 양변의 차이 중 가장 큰 값은 { $gap }입니다(값의 크기는 최대 { $largest }). 시작 확률과 전이 확률은 아무것도 기여하지 않으며, 정책의 스코어만 남습니다.
identity-caption = 샘플링한 에피소드 하나가 점 하나이며, 유한 차분 값(가로)과 공식 값(세로)을 비교합니다. 점들은 대각선 위에 놓입니다.
identity-mean-score-zero = 에피소드 { $episodes }개 전체에 대해 더하면 E[∇ln P(τ)] = Σ P(τ)∇ln P(τ)는 모든 성분에서 정확히 0입니다.
identity-mean-score-rounding = 에피소드 { $episodes }개 전체에 대해 더하면 E[∇ln P(τ)] = Σ P(τ)∇ln P(τ)의 어느 성분도 { $largest }보다 크지 않습니다. 반올림 오차를 빼면 0입니다.
identity-tv-curve = 총변동 거리
identity-tv-slope = 1/√N의 기울기
identity-frequencies-summary = 에피소드 { $sampled }개를 샘플링한 뒤, 가능한 에피소드 { $listed }개 전체에 걸친 표본 빈도와 곱 공식 사이의 총변동 거리는 { $distance }입니다. 이 거리는 0을 향해 줄어듭니다. 대부분의 에피소드가 아직 한 번도 나오지 않은 동안에는 천천히 줄고, N이 에피소드 가짓수에 비해 충분히 커지면 1/√N처럼 줄어듭니다.
identity-frequencies-unlisted = 이 MDP는 가능한 에피소드가 너무 많아 나열할 수 없으므로 여기서는 빈도를 비교하지 않습니다. 세 팔 밴딧, 미끄러운 체인 또는 할인 함정을 고르십시오.
identity-frequencies-x-axis = 곱 공식으로 구한 log₁₀ P(τ)
identity-frequencies-y-axis = log₁₀ 표본 빈도
identity-tv-x-axis = log₁₀ 에피소드 수
identity-tv-y-axis = log₁₀ 거리
identity-markov-note = 마르코프 성질 확인: 시점 1에 상태 { $state }에서 취한 행동을 이전 행동별로 나누어 셉니다. 이전에 무엇이 왔든 각 행은 π(·|{ $state })와 일치합니다.
identity-markov-previous = 이전 행동
identity-markov-exact = π(a|s), 정확한 값
identity-frequencies-caption = 가장 확률이 높은 에피소드들 각각의 표본 빈도를 P(τ) = P(s₀)Πₜπ(aₜ|sₜ)P(sₜ₊₁|sₜ,aₜ)와 비교하며, 둘 다 로그 스케일입니다(−2는 100번에 1번). 대각선 위에 있으면 둘이 일치하는 것입니다. 드문 에피소드는 관찰된 횟수가 적어서 더 넓게 흩어집니다.
identity-tv-caption = 에피소드 수에 따른 총변동 거리(로그–로그)를 기울기가 −½인 직선과 함께 보여 줍니다.

## The MDP at a glance (mdp_table.rs)

mdp-table-ends = { $state }(종료)
mdp-table-caption-grid = 현재 정책에서의 격자입니다. 각 화살표는 하나의 이동이며, 그 길이는 정책이 그 이동을 택할 확률에 비례합니다. 각 칸은 보상의 기댓값에 따라 색이 칠해지고(파란색은 양수, 빨간색은 음수), 종료 칸은 회색에 이중 테두리, 시작 칸은 굵은 테두리입니다.
mdp-table-caption-moves = 현재 정책에서의 이동 P(s′|s) = Σₐ π(a|s) P(s′|s,a)입니다. 굵을수록 확률이 높습니다. 굵은 고리는 시작 상태를, 이중 고리는 종료 상태를 나타냅니다.
mdp-table-move = { $from }에서 { $to }(으)로 { $probability }
mdp-table-move-reward = { $from }에서 { $to }(으)로 { $probability }(보상 { $reward })
mdp-table-summary = 현재 정책에서의 MDP 다이어그램: { $moves }.
mdp-table-heading = MDP: 상태 { $states ->
    [one] { $states }개
   *[other] { $states }개
}, 행동 { $actions ->
    [one] { $actions }개
   *[other] { $actions }개
}, 호라이즌 { $horizon }
mdp-table-start-note = 에피소드의 시작 상태: { $start }. 기본 γ는 { $gamma }입니다.
mdp-table-state = 상태
mdp-table-action = 행동
mdp-table-next = 다음 상태, 확률

## Editing the MDP as a table (mdp_table_editor.rs)

mdp-table-editor-not-a-number = "{ $text }"은(는) 수가 아님
mdp-table-editor-horizon-range = 1부터 { $max }까지의 정수여야 함(입력값 "{ $text }")
mdp-table-editor-not-a-table = 사용 중인 MDP는 표로 나타낼 수 없습니다.
mdp-table-editor-too-large = 표로는 상태 { $max-states }개, 행동 { $max-actions }개까지의 MDP를 편집할 수 있습니다. 이 MDP는 상태가 { $states }개, 행동이 { $actions }개이므로 아래에서 파일을 편집하십시오.
mdp-table-editor-by-next = 다음 상태별 r
mdp-table-editor-invalid = { $problem } — 이전 MDP를 계속 사용합니다.
mdp-table-editor-next-heading = 다음 상태 s′에 대한 P(s′ | s, a)
mdp-table-editor-start = 시작 ρ₀(s)
mdp-table-editor-horizon = 호라이즌 H
mdp-table-editor-heading = 표로 편집
mdp-table-editor-hint = 수나 1/3 같은 분수를 입력하십시오. 바꿀 때마다 MDP 전체가 검사되며, 유효하면 곧바로 사용됩니다. 각 행의 Σ는 1이어야 합니다.

## Editing, loading and downloading the MDP file (mdp_editor.rs)

mdp-editor-limits = 상태 { $states }개, 행동 { $actions }개, 호라이즌 { $horizon }, 정책 매개변수 { $parameters }개, { $kilobytes } KB까지 가능합니다. 보상은 수 R(s,a)로 주거나, 다음 상태별로 {"{"}"s′": r{"}"} 꼴로 줍니다. features(상태와 행동마다 벡터 하나)는 선택 사항이며, 없으면 정책은 표 형식(tabular)이 됩니다. theta에는 매개변수마다 항목이 하나씩 있습니다. gamma를 생략하면 1입니다. Gymnasium의 전이 표(env.unwrapped.P를 JSON으로 저장한 것)도 그대로 읽을 수 있습니다.
mdp-editor-too-large = { $file }: 파일이 { $bytes }바이트보다 큼
mdp-editor-unreadable = { $file }: 읽을 수 없음
mdp-editor-summary = MDP 편집·불러오기·내려받기
mdp-editor-file-heading = 파일(JSON)로 편집
mdp-editor-invalid = { $problem } — 이전 MDP를 계속 사용합니다.
mdp-editor-apply = 이 MDP 사용
mdp-editor-load = 파일 불러오기…
mdp-editor-download-with-settings = 사용 중인 MDP 내려받기(현재 γ와 θ 포함)
mdp-editor-download = 사용 중인 MDP 내려받기

## The objective against γ (objective_chart.rs)

objective-chart-summary = { $mdp } MDP에서 할인율 γ에 따른 정확한 목적 함수 J의 꺾은선 그래프. 표시된 점: γ = { $gamma }, J = { $j }
objective-chart-caption = γ의 함수로서의 정확한 J입니다(동적 계획법, 샘플링 없음). 점은 현재 γ를 표시합니다.

## Words inside the display equations (`\pgtext{…}` in src/steps/): each becomes `\text{…}`,
## its `$…$` math kept as it is.

math-what-we-maximise = 최대화할 값
math-only-this-depends = 이것만 $\theta$에 의존
math-was-grad-p = 원래 $\nabla_\theta P_\theta(\tau)$
math-markov = 마르코프 성질
math-no-model-needed = 모델이 필요 없음
math-where = 여기서
math-causality-zero = $k < t$이면 $R_k$는 $h_t$로 정해지므로
math-rewards-from-t = $t$ 이후의 보상
math-reward-to-go = 이후 보상합
math-what-most-code-computes = 대부분의 코드가 계산하는 값
math-when-gamma-below-one = $\gamma < 1$일 때
math-baseline = 기준선
math-estimate = 추정값

## The built-in MDPs' names (pg_core::presets; an MDP file keeps its own name)

preset-bandit = 세 팔 밴딧
preset-chain = 미끄러운 체인
preset-gridworld = 바람 부는 3×3 격자
preset-corridor = 짧은 복도 (Sutton & Barto, 예제 13.1)
preset-discount-trap = 할인 함정
preset-frozenlake-4x4 = FrozenLake 4×4 (미끄러움)

## MDP file errors (pg-mdp's MdpError kinds; the path in front is the file's own)

# Each follows its path ("transitions.s0.right: …"), which names the file's fields and is never
# translated; the arguments are names from the file, numbers as pg-mdp writes them and, in
# $problem, serde_json's English. The English here is pg-mdp's, word for word (a native test
# reads every kind both ways).

mdp-error-name-empty = 이름이 비어 있음
mdp-error-name-too-long = 이름이 { $max }자를 넘음
mdp-error-name-control = 이름에 제어 문자가 들어 있음
mdp-error-no-names = 이름을 하나 이상 적어야 함
mdp-error-too-many-names = 항목이 { $count }개로, 한도인 { $max }개를 넘음
mdp-error-duplicate-name = 중복된 이름 '{ $name }'
mdp-error-not-finite = 유한한 수가 아님
mdp-error-out-of-range = 값이 허용 범위(−{ $max }부터 { $max }까지)를 벗어남(입력값 { $value })
mdp-error-unknown-state = 알 수 없는 상태
mdp-error-probability-not-finite = 확률이 유한한 수가 아님
mdp-error-probability-negative = 확률이 음수임(입력값 { $p })
mdp-error-probability-sum = 확률의 합이 1이 아니라 { $sum }임
mdp-error-unknown-action = 알 수 없는 행동
mdp-error-terminal-state-entry = 종료 상태의 항목은 여기에 둘 수 없음
mdp-error-missing-state-entry = 상태 '{ $name }'의 항목이 없음
mdp-error-missing-action-entry = 행동 '{ $name }'의 항목이 없음
mdp-error-missing-next-reward = 다음 상태 '{ $state }'의 보상이 없음(P = { $p })
mdp-error-file-too-large = 파일이 { $size }바이트로, 한도인 { $max }바이트를 넘음
mdp-error-not-mdp-file = 유효한 MDP 파일이 아님: { $problem }
mdp-error-unknown-terminal = 알 수 없는 상태 '{ $name }'
mdp-error-terminal-twice = 두 번 적힌 상태 '{ $name }'
mdp-error-all-terminal = 모든 상태가 종료 상태임(종료 상태가 아닌 상태가 하나 이상 있어야 함)
mdp-error-start-on-terminal = 시작 분포가 종료 상태에 0이 아닌 확률을 줌
mdp-error-feature-length = 특징 벡터의 항목은 1개부터 { $max }개까지여야 함(지금은 { $count }개)
mdp-error-feature-length-differs = 항목이 { $count }개이지만 앞의 벡터들은 { $earlier }개임
mdp-error-between-one-and = 1부터 { $max }까지여야 함(입력값 { $value })
mdp-error-gamma-range = 0과 1 사이의 수여야 함(입력값 { $value })
mdp-error-theta-length = 항목이 { $count }개이지만 정책의 매개변수는 { $dim }개임
mdp-error-not-an-object = 유효한 MDP 파일이 아님: 파일은 JSON 객체 {"{"}…{"}"} 하나여야 하는데, 이 파일의 첫 글자는 '{ $first }'임
mdp-error-empty-file = 유효한 MDP 파일이 아님: 파일이 비어 있음
mdp-error-key-twice = 두 번 주어진 키 "{ $key }"(줄 { $line }, 열 { $column })

# Gymnasium transition tables (pg_mdp::gymnasium)

mdp-error-not-a-state-index = 0부터 { $last }까지의 상태 인덱스가 아님(항목이 { $count }개이므로 하나가 빠졌을 수 있음)
mdp-error-not-an-action-index = 0부터 { $last }까지의 행동 인덱스가 아님(항목이 { $count }개이므로 하나가 빠졌을 수 있음)
mdp-error-states-by-index = 인덱스별 상태를 담은 객체(또는 배열)여야 함
mdp-error-actions-by-index = 인덱스별 행동을 담은 객체(또는 배열)여야 함
mdp-error-outcome-shape = 각 결과는 [확률, 다음 상태, 보상, terminated] 꼴이어야 함
mdp-error-outcome-probability = 확률은 [0, 1] 범위에 있어야 함(입력값 { $p })
mdp-error-next-state-index-not = 다음 상태는 0부터 { $last }까지의 상태 인덱스여야 함(입력값 { $given })
mdp-error-next-state-index = 다음 상태는 0부터 { $last }까지의 상태 인덱스여야 함
mdp-error-reward-out-of-range = 보상이 허용 범위(−{ $max }부터 { $max }까지)를 벗어남(입력값 { $value })
mdp-error-terminated-not-bool = terminated는 true 또는 false여야 함
mdp-error-state-names-count = 이름이 { $count }개이지만 P의 상태는 { $expected }개임
mdp-error-action-names-count = 이름이 { $count }개이지만 P의 행동은 { $expected }개임
mdp-error-not-gymnasium-table = 유효한 Gymnasium 전이 표가 아님: { $problem }
mdp-error-table-states = 상태가 { $count }개임(1개부터 { $max }개까지 가능)
mdp-error-table-actions = 행동이 { $count }개임(1개부터 { $max }개까지 가능)
mdp-error-table-actions-differ = 행동이 { $count }개이지만 상태 0의 행동은 { $first }개임
mdp-error-outcome-list = 비어 있지 않은 [p, s′, r, terminated] 목록이어야 함
mdp-error-terminated-disagrees = 상태 { $state }에 terminated = false로 들어가지만, 다른 곳에서는 같은 상태에 terminated = true로 들어감(이 앱은 종료 상태에 들어간 에피소드를 모두 끝냄)
mdp-error-rewards-disagree = 다음 상태 { $state }의 보상이 여기서는 { $reward }, { $entry }번 항목에서는 { $other }임(다음 상태 하나에는 보상을 하나만 줄 수 있음)
mdp-error-start-length = 항목이 { $count }개이지만 P의 상태는 { $expected }개임

# Built-in MDPs (pg_mdp::presets)

mdp-error-unknown-preset = 알 수 없는 기본 제공 MDP '{ $id }'({ $ids } 중 하나를 골라야 함)

# Parameters that pg-core checks: θ, γ, the state and time of a panel, a training run, a report

mdp-error-state-number = 상태 번호는 { $count }보다 작아야 함(입력값 { $state })
mdp-error-state-terminal = 종료 상태 '{ $name }'에서는 행동을 택하지 않음
mdp-error-time-range = 1부터 { $max }(호라이즌보다 1 작은 값)까지여야 함(입력값 { $value })
mdp-error-episode-impossible = 이 MDP에서 확률이 0이므로 ln P(τ)의 경사가 없음
mdp-error-step-size-range = 0보다 크고 { $max } 이하인 수여야 함(입력값 { $value })
mdp-error-at-least-one = 1 이상이어야 함
mdp-error-no-component = { $index }번 성분이 없음(성분은 { $count }개)
