(function(){
const e=document.createElement("link").relList;
if(e&&e.supports&&e.supports("modulepreload"))return;
for(const n of document.querySelectorAll('link[rel="modulepreload"]'))o(n);
new MutationObserver(n=>{
for(const s of n)if(s.type==="childList")for(const l of s.addedNodes)l.tagName==="LINK"&&l.rel==="modulepreload"&&o(l)}
).observe(document,{
childList:!0,subtree:!0}
);
function r(n){
const s={
}
;
return n.integrity&&(s.integrity=n.integrity),n.referrerPolicy&&(s.referrerPolicy=n.referrerPolicy),n.crossOrigin==="use-credentials"?s.credentials="include":n.crossOrigin==="anonymous"?s.credentials="omit":s.credentials="same-origin",s}
function o(n){
if(n.ep)return;
n.ep=!0;
const s=r(n);
fetch(n.href,s)}
}
)();
function P(t,e){
let r=2166136261;
for(let o=0;
o<t.length;
o++)r^=t.charCodeAt(o),r=Math.imul(r,16777619)>>>0;
return r%e}
function T(t){
return`data/users/${
t}
.json`}
const k=50,j=200;
function p(t,e,r,o){
const n=t.createElement(e);
return r&&(n.className=r),n.textContent=o,n}
function M(t,e){
const r=`${
e.plan??"no plan"}
 · ${
e.region??"no region"}
 · ${
e.ratings}
 rating${
e.ratings===1?"":"s"}
 · ${
e.topGenres.length>0?e.topGenres.join(", "):"no genres yet"}
`,o=t.createElement("ol");
o.className="lookup-recs";
for(const s of e.recommendations){
const l=t.createElement("li");
l.append(p(t,"span","lookup-title",s.title),p(t,"span","lookup-reason",s.reason)),o.append(l)}
const n=e.recommendations.length>0?`User ${
e.id}
 has no page of their own. Their top ${
e.recommendations.length===1?"recommendation":`${
e.recommendations.length}
 recommendations`}
, and why:`:`User ${
e.id}
 has no page of their own, and no recommendations: they have rated every title the recommender could offer.`;
return[p(t,"h2","lookup-heading",`User ${
e.id}
`),p(t,"p","user-meta",r),p(t,"p","lookup-intro",n),...e.recommendations.length>0?[o]:[]]}
function q(t,e,r){
const o=t.createElement("li");
o.className="user-row";
const n=t.createElement("a");
n.href=`${
e}
${
encodeURIComponent(r.slug)}
.html`;
const s=t.createElement("span");
s.className="user-id",s.textContent=`User ${
r.id}
`,n.append(s);
const l=t.createElement("span");
l.className="user-meta",l.textContent=`${
r.plan??"no plan"}
 · ${
r.region??"no region"}
 · ${
r.ratings}
 rating${
r.ratings===1?"":"s"}
`;
const u=t.createElement("span");
return u.className="user-genres",u.textContent=r.topGenres.length>0?r.topGenres.join(", "):"no genres yet",o.append(n,l,u),o}
function G(t){
const e=t.getElementById("user-filters"),r=t.getElementById("user-list"),o=t.getElementById("user-count"),n=t.getElementById("user-more");
if(!e||!r||!o||!n)return;
const s=e.dataset.base??"/users/",l=i=>t.getElementById(i),u=l("user-search"),a=l("filter-plan"),d=l("filter-region"),f=l("filter-genre");
let h=[],y=[],g=0;
const $=t.getElementById("user-lookup"),E=Number(e.dataset.shards??"0"),A=e.dataset.shardBase??"/",w=new Map;
let L=0,I;
const v=i=>{
$&&($.replaceChildren(...i),$.hidden=i.length===0)}
,O=i=>{
let c=w.get(i);
return c||(c=fetch(`${
A}
${
T(i)}
`).then(m=>m.ok?m.json():Promise.reject(new Error(`user shard: HTTP ${
m.status}
`))),w.set(i,c),c.catch(()=>w.delete(i))),c}
,N=i=>{
const c=++L;
clearTimeout(I);
const m=i.trim();
if(!$||E<=0||m===""||h.some(b=>b.id===m)){
v([]);
return}
I=setTimeout(()=>{
O(P(m,E)).then(b=>{
if(c!==L)return;
const C=b.find(U=>U.id===m);
C?v(M(t,C)):y.length===0?v([p(t,"p","lookup-intro",`No user has the id “${
m}
”. A user without a page is found by their whole id.`)]):v([])}
).catch(()=>{
c===L&&v([p(t,"p","lookup-intro","Users without a page could not be searched just now;
 every user is in the recommendations download.")])}
)}
,j)}
,B=()=>{
const i=t.createDocumentFragment();
for(const c of y.slice(g,g+k))i.append(q(t,s,c));
r.append(i),g=Math.min(y.length,g+k),n.hidden=g>=y.length,o.textContent=`Showing ${
g.toLocaleString("en-US")}
 of ${
y.length.toLocaleString("en-US")}
 matching users (${
h.length.toLocaleString("en-US")}
 ${
E>0?"with a page":"in all"}
)`}
,S=()=>{
const i=(u?.value??"").trim().toLowerCase();
y=h.filter(c=>(i===""||c.id.toLowerCase().includes(i))&&(!a?.value||c.plan===a.value)&&(!d?.value||c.region===d.value)&&(!f?.value||c.topGenres.includes(f.value))),r.replaceChildren(),g=0,B(),N(u?.value??"")}
;
fetch(e.dataset.index??"index.json").then(i=>i.ok?i.json():Promise.reject(new Error(`users index: HTTP ${
i.status}
`))).then(i=>{
h=i,e.hidden=!1,t.getElementById("user-pager")?.setAttribute("hidden",""),e.addEventListener("input",S),e.addEventListener("submit",c=>c.preventDefault()),e.addEventListener("reset",()=>setTimeout(S,0)),n.addEventListener("click",B),S()}
).catch(()=>{
}
)}
function R(t){
try{
const e=JSON.parse(t.dataset.genres??"[]");
return Array.isArray(e)?e.filter(r=>typeof r=="string"):[]}
catch{
return[]}
}
function D(t){
const e=t.getElementById("genre-filter"),r=t.getElementById("rec-genre"),o=t.getElementById("rec-list"),n=t.getElementById("rec-count");
if(!e||!r||!o)return;
const s=[...o.querySelectorAll(".rec-card")],l=new Map(s.map(a=>[a,R(a)])),u=()=>{
const a=r.value;
let d=0;
for(const f of s){
const h=a===""||l.get(f).includes(a);
f.hidden=!h,h&&d++}
n&&(n.textContent=a===""?`${
s.length}
 recommendations`:`${
d}
 of ${
s.length}
 recommendations`)}
;
r.addEventListener("change",u),e.hidden=!1,u()}
function x(t){
const e=t.closest("ul");
if(!e||e.scrollWidth<=e.clientWidth)return;
const r=t.getBoundingClientRect().left-e.getBoundingClientRect().left;
e.scrollLeft+=r-16}
function F(t,e){
const r=t.querySelector('.site-nav ul a[aria-current="page"], .site-nav ul a.ancestor');
r&&x(r);
const o=new Map;
for(const a of t.querySelectorAll(".site-nav a[data-section]"))a.dataset.section&&o.set(a.dataset.section,a);
const n=[...t.querySelectorAll(".report-section")].filter(a=>o.has(a.id));
if(n.length===0||!("IntersectionObserver"in e))return;
const s=new Set,l=()=>{
const a=n.find(d=>s.has(d.id))?.id;
for(const[d,f]of o){
const h=d===a;
h&&!f.classList.contains("active")&&x(f),f.classList.toggle("active",h),h?f.setAttribute("aria-current","location"):f.removeAttribute("aria-current")}
}
,u=new e.IntersectionObserver(a=>{
for(const d of a)d.isIntersecting?s.add(d.target.id):s.delete(d.target.id);
l()}
,{
rootMargin:"-15% 0px -60% 0px"}
);
for(const a of n)u.observe(a)}
G(document);
D(document);
F(document,window);
