(function(){
const t=document.createElement("link").relList;
if(t&&t.supports&&t.supports("modulepreload"))return;
for(const n of document.querySelectorAll('link[rel="modulepreload"]'))o(n);
new MutationObserver(n=>{
for(const s of n)if(s.type==="childList")for(const c of s.addedNodes)c.tagName==="LINK"&&c.rel==="modulepreload"&&o(c)}
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
function P(e,t){
let r=2166136261;
for(let o=0;
o<e.length;
o++)r^=e.charCodeAt(o),r=Math.imul(r,16777619)>>>0;
return r%t}
function q(e){
return`data/users/${
e}
.json`}
function k(e){
return String(Math.round(e)).replace(/\B(?=(\d{
3}
)+(?!\d))/g,",")}
function N(e,t){
const r=[];
t.plans&&r.push(e.plan??"no plan"),t.regions&&r.push(e.region??"no region");
const o=e.ratings;
return r.push(t.watched?`${
k(o)}
 title${
o===1?"":"s"}
 watched`:`${
k(o)}
 rating${
o===1?"":"s"}
`),r.join(" · ")}
function G(e){
try{
const t=JSON.parse(e??"");
return{
plans:t.plans!==!1,regions:t.regions!==!1,watched:t.watched===!0}
}
catch{
return{
plans:!0,regions:!0,watched:!1}
}
}
const O=50,R=200;
function g(e,t,r,o){
const n=e.createElement(t);
return r&&(n.className=r),n.textContent=o,n}
function D(e,t,r){
const o=`${
N(t,r)}
 · ${
t.topGenres.length>0?t.topGenres.join(", "):"no genres yet"}
`,n=e.createElement("ol");
n.className="lookup-recs";
for(const c of t.recommendations){
const u=e.createElement("li");
u.append(g(e,"span","lookup-title",c.title),g(e,"span","lookup-reason",c.reason)),n.append(u)}
const s=t.recommendations.length>0?`User ${
t.id}
 has no page of their own. Their top ${
t.recommendations.length===1?"recommendation":`${
t.recommendations.length}
 recommendations`}
, and why:`:`User ${
t.id}
 has no page of their own, and no recommendations: they have rated every title the recommender could offer.`;
return[g(e,"h2","lookup-heading",`User ${
t.id}
`),g(e,"p","user-meta",o),g(e,"p","lookup-intro",s),...t.recommendations.length>0?[n]:[]]}
function F(e,t,r,o){
const n=e.createElement("li");
n.className="user-row";
const s=e.createElement("a");
s.href=`${
t}
${
encodeURIComponent(r.slug)}
.html`;
const c=e.createElement("span");
c.className="user-id",c.textContent=`User ${
r.id}
`,s.append(c);
const u=e.createElement("span");
u.className="user-meta",u.textContent=N(r,o);
const i=e.createElement("span");
return i.className="user-genres",i.textContent=r.topGenres.length>0?r.topGenres.join(", "):"no genres yet",n.append(s,u,i),n}
function H(e){
const t=e.getElementById("user-filters"),r=e.getElementById("user-list"),o=e.getElementById("user-count"),n=e.getElementById("user-more");
if(!t||!r||!o||!n)return;
const s=t.dataset.base??"/users/",c=G(t.dataset.meta),u=a=>e.getElementById(a),i=u("user-search"),d=u("filter-plan"),f=u("filter-region"),h=u("filter-genre");
let w=[],y=[],m=0;
const E=e.getElementById("user-lookup"),$=Number(t.dataset.shards??"0"),M=t.dataset.shardBase??"/",L=new Map;
let S=0,I;
const v=a=>{
E&&(E.replaceChildren(...a),E.hidden=a.length===0)}
,T=a=>{
let l=L.get(a);
return l||(l=fetch(`${
M}
${
q(a)}
`).then(p=>p.ok?p.json():Promise.reject(new Error(`user shard: HTTP ${
p.status}
`))),L.set(a,l),l.catch(()=>L.delete(a))),l}
,U=a=>{
const l=++S;
clearTimeout(I);
const p=a.trim();
if(!E||$<=0||p===""||w.some(B=>B.id===p)){
v([]);
return}
I=setTimeout(()=>{
T(P(p,$)).then(B=>{
if(l!==S)return;
const C=B.find(j=>j.id===p);
C?v(D(e,C,c)):y.length===0?v([g(e,"p","lookup-intro",`No user has the id “${
p}
”. A user without a page is found by their whole id.`)]):v([])}
).catch(()=>{
l===S&&v([g(e,"p","lookup-intro","Users without a page could not be searched just now;
 every user is in the recommendations download.")])}
)}
,R)}
,x=()=>{
const a=e.createDocumentFragment();
for(const l of y.slice(m,m+O))a.append(F(e,s,l,c));
r.append(a),m=Math.min(y.length,m+O),n.hidden=m>=y.length,o.textContent=`Showing ${
m.toLocaleString("en-US")}
 of ${
y.length.toLocaleString("en-US")}
 matching users (${
w.length.toLocaleString("en-US")}
 ${
$>0?"with a page":"in all"}
)`}
,b=()=>{
const a=(i?.value??"").trim().toLowerCase();
y=w.filter(l=>(a===""||l.id.toLowerCase().includes(a))&&(!d?.value||l.plan===d.value)&&(!f?.value||l.region===f.value)&&(!h?.value||l.topGenres.includes(h.value))),r.replaceChildren(),m=0,x(),U(i?.value??"")}
;
fetch(t.dataset.index??"index.json").then(a=>a.ok?a.json():Promise.reject(new Error(`users index: HTTP ${
a.status}
`))).then(a=>{
w=a,t.hidden=!1,e.getElementById("user-pager")?.setAttribute("hidden",""),t.addEventListener("input",b),t.addEventListener("submit",l=>l.preventDefault()),t.addEventListener("reset",()=>setTimeout(b,0)),n.addEventListener("click",x),b()}
).catch(()=>{
}
)}
function J(e){
try{
const t=JSON.parse(e.dataset.genres??"[]");
return Array.isArray(t)?t.filter(r=>typeof r=="string"):[]}
catch{
return[]}
}
function K(e){
const t=e.getElementById("genre-filter"),r=e.getElementById("rec-genre"),o=e.getElementById("rec-list"),n=e.getElementById("rec-count");
if(!t||!r||!o)return;
const s=[...o.querySelectorAll(".rec-card")],c=new Map(s.map(i=>[i,J(i)])),u=()=>{
const i=r.value;
let d=0;
for(const f of s){
const h=i===""||c.get(f).includes(i);
f.hidden=!h,h&&d++}
n&&(n.textContent=i===""?`${
s.length}
 recommendations`:`${
d}
 of ${
s.length}
 recommendations`)}
;
r.addEventListener("change",u),t.hidden=!1,u()}
function A(e){
const t=e.closest("ul");
if(!t||t.scrollWidth<=t.clientWidth)return;
const r=e.getBoundingClientRect().left-t.getBoundingClientRect().left;
t.scrollLeft+=r-16}
function W(e,t){
const r=e.querySelector('.site-nav ul a[aria-current="page"], .site-nav ul a.ancestor');
r&&A(r);
const o=new Map;
for(const i of e.querySelectorAll(".site-nav a[data-section]"))i.dataset.section&&o.set(i.dataset.section,i);
const n=[...e.querySelectorAll(".report-section")].filter(i=>o.has(i.id));
if(n.length===0||!("IntersectionObserver"in t))return;
const s=new Set,c=()=>{
const i=n.find(d=>s.has(d.id))?.id;
for(const[d,f]of o){
const h=d===i;
h&&!f.classList.contains("active")&&A(f),f.classList.toggle("active",h),h?f.setAttribute("aria-current","location"):f.removeAttribute("aria-current")}
}
,u=new t.IntersectionObserver(i=>{
for(const d of i)d.isIntersecting?s.add(d.target.id):s.delete(d.target.id);
c()}
,{
rootMargin:"-15% 0px -60% 0px"}
);
for(const i of n)u.observe(i)}
H(document);
K(document);
W(document,window);
