/**
 * The vocabulary the synthetic corpora are written from. Kept apart from the generator so the
 * generator reads as a program. The order here does not matter: each seed shuffles the list
 * and gives the words Zipf-like frequencies by their shuffled rank.
 */

export const WORDS = `
able about above accept access account action active adapter add address adjust admin after
again agent align allow alpha already also always amount analysis anchor another answer api
append apply approach archive area argument array artifact aside assert asset assign async
attach attempt audit author auto available avoid back backend backup badge balance band base
basic batch before begin behaviour below benchmark best better between beyond binary bind
block board body boolean border bottom boundary branch break bridge brief broken browser
buffer build bundle button byte cache calendar call cancel capacity capture card careful
case catalog cause cell center chain change channel chapter chart check child choice chunk
circle claim class clean clear click client clock clone close cluster code collect column
combine command comment commit common compact compare compile complete complex component
compose compute concern condition config confirm conflict connect consider console constant
contain content context continue contract control convert copy core corner correct count
cover crash create credential cron current cursor custom cycle daemon daily dashboard data
database date deadline debug decide decode default defer define delay delete deliver demand
depend deploy depth describe design detail detect develop device diagram diff direct
directory disable discover disk display document domain double download draft drag driver
drop duplicate during dynamic early edge edit editor effect element embed empty enable
encode endpoint engine ensure entity entry environment equal error estimate event every
exact example exception exchange execute exist expand expect expire explain export expose
extend extension external extract factor fail fallback false feature fetch field figure
file filter final finish first fix flag flat flow flush focus folder follow font footer
force fork format forward frame fresh front full function future gateway general generate
given global goal graph grid group guard guide handle handler hash header health heap help
hidden history hold home hook host hover icon identity ignore image impact implement import
improve include increase index infer inline input insert inside install instance integer
intent interface internal interval invalid invite issue item iterate job join journal json
keep kernel key label language large latency launch layer layout lazy leader leak legacy
length level library lifecycle limit line link list listen literal load local locale lock
log logic login lookup loop machine main manage manifest manual map margin mark markdown
match matrix measure media memory menu merge message metadata method metric middle migrate
milestone minimal minute mirror missing mobile mode model modify module monitor month mount
move multiple mutate name native navigate nested network never node normal note notify null
number object observe offline offset often open operator option order origin outline output
overlay owner package padding page panel parallel param parent parse partial pass patch path
pattern pause payload peer pending perform permission persist phase pick pipeline pixel
place plain plan platform plugin point policy pool popup port position post prefix prepare
preview primary print priority private probe process produce profile progress project
prompt proof property protocol provide proxy public publish pull purge push query queue
quick quota random range rate reach read ready reason rebase rebuild receive recent record
recover reduce refactor reference refresh region register regular reject relation release
reload remote remove rename render reorder repair repeat replace reply report repository
request require reset resolve resource response restore result resume retry return reuse
review revert rewrite risk role rollback root rotate round route row rule runtime safe
sample sandbox save scale scan schedule schema scope screen script scroll search second
secret section secure seed select send sensor sequence serial server service session set
setting shadow shape share shell shift short show sidebar signal signature simple single
size skip slice slot small snapshot socket sort source space span spec split stack stage
standard start state static status step storage store stream strict string structure style
subject submit subscribe summary support surface switch symbol sync syntax system table tag
target task team template tenant terminal test text theme thread threshold ticket tier time
timeout timer title toggle token tool tooltip topic total trace track transaction transform
transfer tree trigger trim trust tuple type update upgrade upload usage user utility valid
value variable vendor verify version view virtual visible volume wait warning watch webhook
week weight widget width window worker workflow wrapper write yaml zone
`.trim().split(/\s+/);

/** Short words that glue sentences together, most frequent first (never search targets). */
export const FUNCTION_WORDS = [
  'the', 'to', 'and', 'of', 'a', 'in', 'is', 'for', 'it', 'we', 'that', 'on', 'with', 'this',
  'be', 'not', 'when', 'should', 'as', 'are', 'from', 'but', 'or', 'can', 'if', 'so', 'an',
  'all', 'by', 'at', 'no', 'now', 'then', 'only', 'more', 'still', 'before', 'after', 'which',
];

/** Labels a project accumulates; the first ones are the most used. */
export const LABELS = [
  'bug', 'enhancement', 'tech-debt', 'documentation', 'performance', 'cli', 'api', 'tests',
  'refactor', 'ui', 'needs-triage', 'backend', 'frontend', 'good-first-issue', 'security',
  'database', 'sync', 'github', 'git-integration', 'ci', 'help-wanted', 'release', 'ux',
  'regression', 'accessibility', 'i18n', 'design', 'ops', 'question', 'blocked-upstream',
];

/** People; the first ones get the most work (Zipf by position). */
export const ASSIGNEES = [
  'shane', 'alice', 'bob', 'carol', 'dmitri', 'erin', 'farah', 'gustavo', 'hana', 'ivan',
  'jules', 'kenji', 'lena', 'marco', 'nadia', 'oscar', 'priya', 'quentin', 'rosa', 'sven',
  'tariq', 'uma', 'victor', 'wen', 'xavier', 'yusuf', 'zoe', 'amara', 'bruno', 'chloe',
  'diego', 'elif', 'finn', 'greta', 'hugo', 'Ines Duarte', 'Jon Park', 'kofi', 'liam.o', 'mei',
];

export const ROADMAP_NAMES = [
  'Platform foundations', 'Self-serve onboarding', 'Reliability and scale', 'Mobile companion',
  'Integrations hub', 'Enterprise readiness', 'Developer experience', 'Data and insights',
];

/** Title shapes; `{w}` is a word, `{W}` a capitalised word, `{c}` a component. */
export const TITLE_SHAPES = {
  feature: [
    'Add {w} {w} to {c}', 'Support {w} {w} in the {c}', 'Implement {w} {w} for {c}',
    '{W} {w}: allow {w} {w}', 'Allow users to {w} {w} from the {c}', 'Expose {w} {w} in {c} API',
    'Introduce {w} {w} {w}', 'Make {c} {w} configurable', 'Show {w} {w} on the {c} page',
    'Improve {w} {w} of {c}',
  ],
  bug: [
    'Fix {w} {w} in {c}', '{W} {w} crashes when {w} is empty', '{C} fails to {w} {w} after {w}',
    'Bug: {w} {w} is lost on {w}', 'Wrong {w} shown in {c} {w}', '{C}: {w} {w} returns stale {w}',
    'Regression in {c} {w} handling', '{W} {w} times out under {w} {w}',
  ],
  other: [
    'Refactor {c} {w} {w}', 'Document {w} {w} for {c}', 'Investigate {w} {w} in {c}',
    'Clean up {w} {w}', 'Update {w} dependencies in {c}', 'Write tests for {c} {w}',
    'Spike: {w} {w} options', 'Chore: rename {w} {w}',
  ],
};

export const COMPONENTS = [
  'cli', 'server', 'sync engine', 'index', 'web view', 'importer', 'exporter', 'scheduler',
  'auth service', 'billing', 'notifications', 'search', 'dashboard', 'storage layer', 'parser',
  'config loader', 'plugin host', 'api gateway', 'worker pool', 'reporting',
];
